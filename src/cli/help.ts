// `--help` for the program and every command: usage, what it does, its options, examples.
import { COMMANDS, OPTIONS } from './args.ts';
import type { Command, OptionName } from './args.ts';

interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
  readonly details: readonly string[];
  readonly examples: readonly string[];
}

const HELP: Readonly<Record<Command, CommandHelp>> = {
  validate: {
    usage: 'rolemodel [CONFIG] validate [options]',
    summary: 'Check the config, the template and the user map; no AWS access.',
    details: ['Every problem is printed as file:line:column with what to write instead.'],
    examples: ['rolemodel validate', 'rolemodel samples/rolemodel.yml validate --json'],
  },
  plan: {
    usage: 'rolemodel [CONFIG] plan [options]',
    summary: 'Show what update would change: stacks per account, groups, policies and members.',
    details: [
      'Reads AWS only (a change set is created for review and deleted again).',
      'Credentials: master_account_profile (or --profile) for the master account; each account its',
      '`profile`, else its deployer role assumed from the master credentials.',
    ],
    examples: ['rolemodel plan', 'rolemodel plan --profile admin --json'],
  },
  list: {
    usage: 'rolemodel [CONFIG] list [options]',
    summary: 'Show what exists: each stack and role with its ARN and members, and who can assume what.',
    details: ['Reads AWS only.'],
    examples: ['rolemodel list'],
  },
  update: {
    usage: 'rolemodel [CONFIG] update [options]',
    summary: 'Apply: deploy the role stack to every account, then sync the groups in the master account.',
    details: [
      'The plan is shown first and applied only after you type yes (or with --yes).',
      'Alias: apply.',
    ],
    examples: ['rolemodel config.yml update', 'rolemodel update --yes'],
  },
  sync_users: {
    usage: 'rolemodel [CONFIG] sync_users [USERS] [options]',
    summary: 'Apply only the membership changes of the user map to the existing groups.',
    details: [
      "USERS is a user map to use instead of the config's `users:` file (relative to where you are).",
      'Groups that do not exist yet, and policies, are left to update. Alias: sync-users.',
    ],
    examples: ['rolemodel config.yml sync_users users.yml', 'rolemodel sync_users --yes'],
  },
  delete: {
    usage: 'rolemodel [CONFIG] delete [options]',
    summary: 'Delete the role stack from every account and every group under /RoleModel/.',
    details: [
      'You are asked to type the stack name (or give it with --confirm). IAM users are never deleted.',
    ],
    examples: ['rolemodel delete', 'rolemodel delete --confirm RoleModel'],
  },
  assume: {
    usage: 'rolemodel assume <account>.<role> [options] [-- COMMAND [ARGS...]]',
    summary: 'Assume a role you hold, with cached credentials; run COMMAND with them, or print them.',
    details: [
      'The role is found in the config when --config is given, else from your own groups under',
      '/RoleModel/ in the master account (an ARN works too). The session is named after your IAM user.',
      'When the role requires MFA you are asked for a code from your MFA device (on the terminal,',
      'or a line on standard input). Credentials are cached per role (mode 0600) and reused until',
      '--refresh-before their expiry. With COMMAND, its exit code is passed through; without, the',
      'credentials are printed (--format env, json or credential-process).',
    ],
    examples: [
      'rolemodel assume prod.AdminRole -- aws s3 ls',
      'eval "$(rolemodel assume staging.ReadOnlyRole)"',
      'credential_process = rolemodel assume prod.ReadOnlyRole --format credential-process',
    ],
  },
  profiles: {
    usage: 'rolemodel profiles [options]',
    summary: 'Print ~/.aws/config profiles for every role you may assume; --write merges them into the file.',
    details: [
      'Profiles are named <account>-<role> with role_arn, source_profile, mfa_serial (when the role',
      'requires MFA), region and role_session_name. --write keeps one marked block in the file and',
      'never touches anything outside it.',
    ],
    examples: ['rolemodel profiles', 'rolemodel profiles --write --source-profile me'],
  },
  explain: {
    usage: 'rolemodel [CONFIG] explain <account>.<role> | <role> [options]',
    summary: "A role's privilege level and why, its statements, its trust policy and who holds it.",
    details: ['Read from the files alone; no AWS access.'],
    examples: ['rolemodel explain prod.AdminRole', 'rolemodel explain ReadOnlyRole --json'],
  },
  'who-can': {
    usage: 'rolemodel [CONFIG] who-can <service:Action> [options]',
    summary: 'Which roles allow an action, where, and who holds them.',
    details: [
      "Evaluated from the template's statements (Deny and wildcards included), on one resource",
      'with --resource, else on any. No AWS access. Alias: who_can.',
    ],
    examples: [
      'rolemodel who-can iam:CreateUser',
      'rolemodel who-can s3:GetObject --resource arn:aws:s3:::logs/x',
    ],
  },
};

const optionLine = (name: OptionName): string => {
  const spec = OPTIONS[name];
  const flag = `${spec.short === undefined ? '    ' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
  return `  ${flag.padEnd(30)} ${spec.help}`;
};

const optionsOf = (command: Command): OptionName[] =>
  (Object.keys(OPTIONS) as OptionName[]).filter((n) => {
    const only = OPTIONS[n].commands;
    return n !== 'version' && (only === undefined || only.includes(command));
  });

export const commandHelp = (command: Command): string => {
  const help = HELP[command];
  return [
    `Usage: ${help.usage}`,
    '',
    help.summary,
    ...help.details,
    '',
    'Options:',
    ...optionsOf(command).map(optionLine),
    '',
    'Examples:',
    ...help.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
};

export const programHelp = (version: string): string =>
  [
    `rolemodel ${version}: cross-account AWS roles from a git repository (config, role template, user map).`,
    '',
    'Usage: rolemodel [CONFIG] <command> [options]',
    '',
    'For administrators:',
    ...COMMANDS.slice(0, 6).map((c) => `  ${c.padEnd(11)} ${HELP[c].summary}`),
    '',
    'For the people who use the roles:',
    ...COMMANDS.slice(6).map((c) => `  ${c.padEnd(11)} ${HELP[c].summary}`),
    '',
    'Credentials come from the standard AWS chain: --profile (or AWS_PROFILE), the environment,',
    'SSO and credential_process profiles. CONFIG defaults to rolemodel.yml.',
    'Exit codes: 0 done, 1 failed (or refused), 2 wrong usage. `rolemodel <command> --help` for more.',
    '',
  ].join('\n');
