// An organisation for the command line: the AWS emulator (trust policies enforced, MFA
// checked) with a master account, three assumable accounts and their deployer roles; a
// workspace with the samples; a HOME whose ~/.aws/credentials holds the emulator's keys as
// profiles: `admin` (an IAM user of the master account), one per account (its root), `alice`.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEmulator } from '../support/aws-emulator/index.ts';
import type { AwsEmulator, RequestLogEntry } from '../support/aws-emulator/index.ts';
import { runCli } from '../support/cli/run-cli.ts';
import type { CliResult, CliRunOptions } from '../support/cli/run-cli.ts';
import { REPO_ROOT } from '../support/harness/index.ts';
import { ACCOUNTS, MASTER, SAMPLE_USERS } from './scenario.ts';

export { ACCOUNTS, MASTER };

export const KEYS = {
  admin: { accessKeyId: 'AKIAADMINEXAMPLE', secretAccessKey: 'admin-secret' },
  alice: { accessKeyId: 'AKIAALICEEXAMPLE', secretAccessKey: 'alice-secret' },
  prod: { accessKeyId: 'AKIAPRODROOT', secretAccessKey: 'prod-secret' },
  staging: { accessKeyId: 'AKIASTAGINGROOT', secretAccessKey: 'staging-secret' },
  cdn: { accessKeyId: 'AKIACDNROOT', secretAccessKey: 'cdn-secret' },
} as const;

export const MFA_SECRETS = { alice: 'alice-mfa-seed', bob: 'bob-mfa-seed' } as const;
export const ALICE_MFA = `arn:aws:iam::${MASTER}:mfa/alice`;

export interface CliRun extends CliResult {
  /** What the emulator saw during this run. */
  readonly requests: RequestLogEntry[];
}

export interface CliScenario {
  readonly aws: AwsEmulator;
  readonly workspace: string;
  readonly home: string;
  edit(path: string, change: (text: string) => string): void;
  cli(args: readonly string[], options?: Partial<CliRunOptions>): Promise<CliRun>;
  close(): Promise<void>;
}

const credentialsFile = (): string =>
  Object.entries(KEYS)
    .map(
      ([profile, key]) =>
        `[${profile}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`,
    )
    .join('\n');

/** The samples' config with the original CLI's profile keys: admin for the master, each account its own. */
export const withProfiles = (config: string): string =>
  config
    .replace(
      'master_account_role: rolemodel-deployer\n',
      'master_account_role: rolemodel-deployer\nmaster_account_profile: admin\n',
    )
    .replace(/( {2}- name: (\w+)\n)/g, '$1    profile: $2\n');

export const startCliScenario = async (): Promise<CliScenario> => {
  const aws = await startAwsEmulator({ stackOperationDelayMs: 5, changeSetDelayMs: 5, checkTrust: true });
  const deployer = { name: 'rolemodel-deployer' };
  aws.seed({
    accounts: {
      [MASTER]: {
        users: [...SAMPLE_USERS, 'admin'],
        roles: [deployer],
        accessKeys: [
          { ...KEYS.admin, userName: 'admin' },
          { ...KEYS.alice, userName: 'alice' },
        ],
        mfaDevices: [
          { userName: 'alice', secret: MFA_SECRETS.alice },
          { userName: 'bob', secret: MFA_SECRETS.bob },
        ],
      },
      ...Object.fromEntries(
        Object.entries(ACCOUNTS).map(([name, id]) => [
          id,
          { roles: [deployer], accessKeys: [KEYS[name as keyof typeof ACCOUNTS]] },
        ]),
      ),
    },
  });
  const root = mkdtempSync(join(tmpdir(), 'rolemodel-cli-'));
  const workspace = join(root, 'access');
  const home = join(root, 'home');
  mkdirSync(workspace);
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'credentials'), credentialsFile(), { mode: 0o600 });
  for (const file of ['rolemodel.yml', 'roles.yml', 'users.yml'])
    cpSync(join(REPO_ROOT, 'samples', file), join(workspace, file));
  const edit = (path: string, change: (text: string) => string) =>
    writeFileSync(join(workspace, path), change(readFileSync(join(workspace, path), 'utf8')));
  edit('rolemodel.yml', withProfiles);
  return {
    aws,
    workspace,
    home,
    edit,
    cli: async (args, options = {}) => {
      const before = aws.requestLog().length;
      const result = await runCli({
        args,
        cwd: workspace,
        ...options,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          HOME: home,
          AWS_ENDPOINT_URL: aws.url,
          AWS_EC2_METADATA_DISABLED: 'true',
          ROLEMODEL_POLL_DELAY_MS: '10',
          ...options.env,
        },
      });
      return { ...result, requests: aws.requestLog().slice(before) };
    },
    close: async () => {
      rmSync(root, { recursive: true, force: true });
      await aws.close();
    },
  };
};

/** Mutating AWS calls (change sets not counted). */
export const mutations = (run: CliRun): string[] =>
  run.requests.filter((r) => r.mutating).map((r) => r.operation);

/** Mutating calls but the deletion of review stacks (a CREATE change set's REVIEW_IN_PROGRESS stack), which a plan must make. */
export const changes = (run: CliRun): string[] =>
  mutations(run).filter((operation) => operation !== 'DeleteStack');
