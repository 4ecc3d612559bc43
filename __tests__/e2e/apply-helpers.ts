// Helpers of the apply end-to-end tests: the emulator's final state in a form that two runs
// can be compared by (role ARNs have random suffixes), request-log counts, and reading the
// job summary an apply wrote.
import { readFileSync } from 'node:fs';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import type { AwsEmulator, GroupSnapshot, RequestLogEntry } from '../support/aws-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { ACCOUNTS, MASTER } from './scenario.ts';

export type AccountName = keyof typeof ACCOUNTS;
export const ACCOUNT_NAMES = Object.keys(ACCOUNTS) as AccountName[];
export const ROLES = ['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'] as const;
export const MANAGED_PATH = '/RoleModel/';
export const STACK = 'RoleModel';

/** samples/users.yml as group -> members; every other (account, role) group is empty. */
export const SAMPLE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  'prod.AdminRole': ['alice'],
  'prod.SuperUserRole': ['bob'],
  'prod.ReadOnlyRole': ['alice', 'bob', 'carol'],
  'prod.FinanceRole': ['dave'],
  'staging.AdminRole': ['alice', 'bob'],
  'staging.ReadOnlyRole': ['carol'],
  'cdn.SuperUserRole': ['carol'],
  'cdn.ReadOnlyRole': ['bob'],
  'cdn.FinanceRole': ['dave'],
};

/** Every group the samples make: `<account>.<role>` for the 3 accounts and 4 roles. */
export const SAMPLE_GROUPS: readonly string[] = ACCOUNT_NAMES.flatMap((a) => ROLES.map((r) => `${a}.${r}`));

export const membersOf = (group: string): string[] => [...(SAMPLE_MEMBERS[group] ?? [])].sort();

/** The apply's own request log (calls made while it ran). */
export const logOf = (result: RunResult<AwsEmulator>): RequestLogEntry[] => result.aws?.requestLog ?? [];

export const mutatingCalls = (log: readonly RequestLogEntry[]): RequestLogEntry[] =>
  log.filter((e) => e.mutating);

/** Mutating calls that AWS carried out (a throttled or failed call changes nothing). */
export const effectiveMutatingCalls = (log: readonly RequestLogEntry[]): RequestLogEntry[] =>
  log.filter((e) => e.mutating && e.status === 200 && e.fault === undefined);

export const countBy = (entries: readonly RequestLogEntry[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const e of entries) {
    const key = `${e.service}:${e.operation}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

/** The deployed role stack of an account. */
export const stackOf = (aws: AwsEmulator, account: AccountName) => aws.stack(STACK, ACCOUNTS[account]);

/** ARN of a role of the account's stack, from the stack's physical resource id (the role's name). */
export const deployedRoleArn = (aws: AwsEmulator, account: AccountName, role: string): string | undefined => {
  const physical = stackOf(aws, account)?.resources.find(
    (r) => r.logicalId === role && r.type === 'AWS::IAM::Role',
  )?.physicalId;
  if (physical === undefined) return undefined;
  // The role must really exist in the account, under that name.
  return aws.iamState(ACCOUNTS[account]).roles.find((r) => r.name === physical)?.arn;
};

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? [...value] : [value]);

/**
 * A policy document in one spelling: Statement, Action and Resource as lists (IAM reads
 * `"Action": "x"` and `"Action": ["x"]` alike), so that equal meaning compares equal.
 */
export const normalPolicy = (document: unknown): unknown => {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return document;
  const doc = document as Record<string, unknown>;
  if (doc['Statement'] === undefined) return doc;
  return {
    ...doc,
    Statement: asList(doc['Statement']).map((statement) => {
      if (statement === null || typeof statement !== 'object') return statement;
      const st = { ...(statement as Record<string, unknown>) };
      for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'])
        if (st[key] !== undefined) st[key] = asList(st[key]).sort();
      return st;
    }),
  };
};

/** The one policy RoleModel writes: sts:AssumeRole on exactly that ARN (in normalPolicy's form). */
export const assumePolicy = (roleArn: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [roleArn] }],
});

/** Inline policies of a group snapshot, each in normalPolicy's form. */
export const normalPolicies = (policies: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(policies).map(([name, doc]) => [name, normalPolicy(doc)]));

export interface NormalGroup {
  readonly name: string;
  readonly path: string;
  readonly members: string[];
  readonly policies: Record<string, unknown>;
  readonly managedPolicyArns: string[];
}

export interface NormalState {
  readonly groups: NormalGroup[];
  /** account name -> stack status and its roles' logical ids (undefined: no stack). */
  readonly stacks: Record<string, { status: string; roles: string[] } | undefined>;
}

/**
 * Master groups (every path) and the role stacks, with each deployed role's ARN replaced by
 * `role:<account>/<logicalId>` so that states reached by different runs compare equal.
 */
export const normalState = (aws: AwsEmulator): NormalState => {
  const names = new Map<string, string>();
  for (const account of ACCOUNT_NAMES)
    for (const role of ROLES) {
      const arn = deployedRoleArn(aws, account, role);
      if (arn !== undefined) names.set(arn, `role:${account}/${role}`);
    }
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') return names.get(value) ?? value;
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  const groups = aws
    .iamState(MASTER)
    .groups.map((g: GroupSnapshot) => ({
      name: g.name,
      path: g.path,
      members: [...g.members].sort(),
      policies: replace(normalPolicies(g.policies)) as Record<string, unknown>,
      managedPolicyArns: [...g.managedPolicyArns].sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const stacks = Object.fromEntries(
    ACCOUNT_NAMES.map((account) => {
      const stack = stackOf(aws, account);
      return [
        account,
        stack && {
          status: stack.status,
          roles: stack.resources
            .filter((r) => r.type === 'AWS::IAM::Role')
            .map((r) => r.logicalId)
            .sort(),
        },
      ];
    }),
  );
  return { groups, stacks };
};

/** What the samples converge to, in NormalState's form. */
export const convergedSampleState = (): NormalState => ({
  groups: SAMPLE_GROUPS.map((name) => {
    const [account = '', role = ''] = name.split('.');
    return {
      name,
      path: MANAGED_PATH,
      members: membersOf(name),
      policies: { [`${name}-Policy`]: assumePolicy(`role:${account}/${role}`) },
      managedPolicyArns: [],
    };
  }).sort((a, b) => a.name.localeCompare(b.name)),
  stacks: Object.fromEntries(
    ACCOUNT_NAMES.map((a) => [a, { status: 'CREATE_COMPLETE', roles: [...ROLES].sort() }]),
  ),
});

/** Summary text without Markdown escapes, entities and zero-width spaces, for matching. */
export const plainText = (markdown: string): string =>
  markdown
    .replace(/\u200b/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The row of the job summary's account table for one account, as plain text. */
export const accountRow = (summary: string, account: string): string => {
  const row = summary.split('\n').find((l) => l.startsWith('|') && l.includes(`| \`${account}\` |`));
  if (row === undefined) throw new Error(`No row for account ${account} in the summary:\n${summary}`);
  return plainText(row);
};

/** The row of the job summary's master-account table for one group, as plain text. */
export const groupRow = (summary: string, group: string): string | undefined => {
  const row = summary.split('\n').find((l) => l.startsWith('|') && l.includes(`| \`${group}\` |`));
  return row === undefined ? undefined : plainText(row);
};

export interface ApplyJson {
  readonly command: string;
  readonly plan: PlanJson;
}

export interface PlanJson {
  readonly hasChanges: boolean;
  readonly summary: {
    readonly stacksCreated: number;
    readonly groupsCreated: number;
    readonly groupsDeleted: number;
    readonly policiesChanged: number;
    readonly membersAdded: number;
    readonly membersRemoved: number;
    readonly [key: string]: number;
  };
  readonly groups: readonly {
    readonly name: string;
    readonly action: 'create' | 'update' | 'delete' | 'no-change';
    readonly policy?: { readonly after?: unknown };
    readonly extraPolicies: readonly string[];
    readonly membersToAdd: readonly string[];
    readonly membersToRemove: readonly { readonly userName: string }[];
  }[];
}

/** The JSON file a run named in its `plan-json` output. */
export const readJsonOutput = <T>(result: RunResult<AwsEmulator>): T => {
  const path = result.outputs['plan-json'];
  if (path === undefined) throw new Error(`No plan-json output; stdout:\n${result.stdout}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
};

/** A stack trace in the step's output: the sign of a crash rather than a reported failure. */
export const STACK_TRACE = /\n\s+at .*\(?.*:\d+:\d+\)?/;

/** Fails with the run's summary and log when it did not exit with `code`. */
export const expectExit = (result: RunResult<AwsEmulator>, code: number): void => {
  if (result.exitCode !== code)
    throw new Error(`Expected the action to exit ${code}, but:\n${describeRun(result)}`);
};

/** Everything a failed run should explain itself with, for assertion messages. */
export const describeRun = (result: RunResult<AwsEmulator>): string =>
  `exit ${String(result.exitCode)}\n--- summary ---\n${result.summary}\n--- stdout (tail) ---\n${result.stdout.slice(-3000)}\n--- stderr ---\n${result.stderr.slice(-2000)}`;

/** Changes made "by hand" in the master account, through the real API, as an admin would. */
export const byHand = async (
  aws: AwsEmulator,
  change: (iam: IAMClient) => Promise<unknown>,
): Promise<void> => {
  const iam = new IAMClient({
    endpoint: aws.url,
    region: 'us-east-1',
    credentials: aws.masterCredentials,
    maxAttempts: 1,
  });
  try {
    await change(iam);
  } finally {
    iam.destroy();
  }
};

/** A `killWhen` predicate: true once `count` entries matching `which` were logged from now on. */
export const whenLogHas = (
  aws: AwsEmulator,
  count: number,
  which: (entry: RequestLogEntry) => boolean,
): (() => boolean) => {
  const start = aws.requestLog().length;
  return () => aws.requestLog().slice(start).filter(which).length >= count;
};

/** roles.yml of the samples without FinanceRole (its resource and its output). */
export const withoutFinanceRole = (template: string): string => {
  const resource = /\n {2}# Billing and cost data[\s\S]*?\n(?=Outputs:)/;
  const output = / {2}FinanceRoleArn:\n.*\n.*FinanceRole\.Arn\n/;
  if (!resource.test(template) || !output.test(template))
    throw new Error('samples/roles.yml changed: cannot find FinanceRole to remove it');
  return template.replace(resource, '\n\n').replace(output, '');
};

/** Calls to an assumable account's IAM "by hand", with a key of that account. */
export const iamByHand = async (
  aws: AwsEmulator,
  account: AccountName,
  change: (iam: IAMClient) => Promise<unknown>,
): Promise<void> => {
  const iam = new IAMClient({
    endpoint: aws.url,
    region: 'us-east-1',
    credentials: aws.addAccessKey(ACCOUNTS[account]),
    maxAttempts: 1,
  });
  try {
    await change(iam);
  } finally {
    iam.destroy();
  }
};

/** Calls to an assumable account's CloudFormation "by hand", with a key of that account. */
export const cloudFormationByHand = async (
  aws: AwsEmulator,
  account: AccountName,
  change: (cfn: CloudFormationClient) => Promise<unknown>,
): Promise<void> => {
  const cfn = new CloudFormationClient({
    endpoint: aws.url,
    region: 'us-east-1',
    credentials: aws.addAccessKey(ACCOUNTS[account]),
    maxAttempts: 1,
  });
  try {
    await change(cfn);
  } finally {
    cfn.destroy();
  }
};

/** Resolves once `condition` holds; rejects after `timeoutMs`. */
export const until = async (condition: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
