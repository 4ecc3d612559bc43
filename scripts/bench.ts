// `npm run bench`: wall time and AWS calls of plan and apply for 1, 10, 50 and 100 accounts,
// through the bundled dist/index.js against the local emulators. Prints tables; it is not
// a test (shared machines are noisy), and the figures in README come from it.
//
// Plan: 5 roles, 1,000 users; every change-set creation takes 1 s, every other call 20 ms.
// Apply: every stack operation takes 2 s.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEmulator } from '../__tests__/support/aws-emulator/index.ts';
import type { AwsEmulator } from '../__tests__/support/aws-emulator/index.ts';
import { startGitHubEmulator } from '../__tests__/support/github-emulator/index.ts';
import { pullRequestEvent, pushEvent, runAction } from '../__tests__/support/harness/index.ts';

const MASTER = '123456789012';
const ROLES = ['AdminRole', 'PowerRole', 'DeveloperRole', 'ReadOnlyRole', 'BillingRole'];
const USERS = Array.from({ length: 1000 }, (_, i) => `user${String(i).padStart(4, '0')}`);
const SIZES = (process.env['BENCH_SIZES'] ?? '1,10,50,100').split(',').map(Number);
const CONCURRENCY = process.env['BENCH_CONCURRENCY'] ?? '100';
const POLL_MS = process.env['BENCH_POLL_MS'] ?? '250';

const accountId = (i: number): string => String(200000000000 + i);

const template = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AssumingAccountID:
    Type: String
Resources:
${ROLES.map(
  (r) => `  ${r}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AssumingAccountID}:root" }
            Action: sts:AssumeRole
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"]`,
).join('\n')}
`;

const workspaceFor = (accounts: number): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rolemodel-bench-'));
  const names = Array.from({ length: accounts }, (_, i) => `acct${i}`);
  writeFileSync(
    join(dir, 'rolemodel.yml'),
    `assumable_roles: roles.yml\nmaster_account_id: "${MASTER}"\nusers: users.yml\nregion: us-east-1\nassumable_accounts:\n${names
      .map((n, i) => `  - name: ${n}\n    account_id: "${accountId(i)}"\n`)
      .join('')}`,
  );
  writeFileSync(join(dir, 'roles.yml'), template);
  // 1,000 users, each in 3 groups: memberships stay about 3,000 whatever the account count,
  // as in an organisation where people work in a few accounts, not all of them.
  const members = new Map<string, string[]>();
  USERS.forEach((user, u) => {
    for (let j = 0; j < 3; j++) {
      const group = `${names[(u * 7 + j * 13) % names.length] ?? ''}.${ROLES[(u + j) % ROLES.length] ?? ''}`;
      const list = members.get(group) ?? [];
      if (!list.includes(user)) list.push(user);
      members.set(group, list);
    }
  });
  const lines: string[] = [];
  for (const n of names) {
    lines.push(`${n}:`);
    for (const r of ROLES) lines.push(`  ${r}: [${(members.get(`${n}.${r}`) ?? []).join(', ')}]`);
  }
  writeFileSync(join(dir, 'users.yml'), `${lines.join('\n')}\n`);
  return dir;
};

const emulatorFor = async (accounts: number): Promise<AwsEmulator> => {
  const aws = await startAwsEmulator({ stackOperationDelayMs: 5, changeSetDelayMs: 5 });
  // 100 accounts x 5 roles is 500 groups: the most AWS raises GroupsQuota to on request.
  aws.setIamQuotas({ GroupsQuota: 500 });
  const deployer = { name: 'rolemodel-deployer' };
  aws.seed({
    accounts: {
      [MASTER]: { users: USERS, roles: [deployer] },
      ...Object.fromEntries(
        Array.from({ length: accounts }, (_, i) => [accountId(i), { roles: [deployer] }]),
      ),
    },
  });
  return aws;
};

interface Row {
  readonly accounts: number;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly calls: Map<string, number>;
  readonly masterIamCalls: number;
  readonly mutating: number;
  readonly planned: number;
}

const count = (aws: AwsEmulator, since: number): Map<string, number> => {
  const out = new Map<string, number>();
  for (const e of aws.requestLog().filter((x) => x.time >= since))
    out.set(e.operation, (out.get(e.operation) ?? 0) + 1);
  return out;
};

/** The mutating calls the plan implies: one per stack change, one per group/policy/member change. */
const plannedChanges = (planJson: string): number => {
  const plan = JSON.parse(planJson) as {
    plan: {
      stacks: { action: string }[];
      groups: {
        action: string;
        policy?: unknown;
        extraPolicies: string[];
        membersToAdd: string[];
        membersToRemove: unknown[];
      }[];
    };
  };
  const stacks = plan.plan.stacks.filter((s) => s.action === 'create' || s.action === 'update').length;
  const groups = plan.plan.groups.reduce(
    (n, g) =>
      n +
      (g.action === 'create' || g.action === 'delete' ? 1 : 0) +
      (g.policy ? 1 : 0) +
      g.extraPolicies.length +
      g.membersToAdd.length +
      g.membersToRemove.length,
    0,
  );
  return stacks + groups;
};

const run = async (kind: 'plan' | 'apply', accounts: number): Promise<Row> => {
  const aws = await emulatorFor(accounts);
  const github = await startGitHubEmulator();
  const workspace = workspaceFor(accounts);
  if (kind === 'plan') {
    aws.setChangeSetDelay(1000);
    aws.setLatency('*', 20);
  } else {
    aws.setStackOperationDelay(2000);
  }
  const since = Date.now();
  const result = await runAction<AwsEmulator>({
    event: kind === 'plan' ? pullRequestEvent({ number: 1 }) : pushEvent({ ref: 'refs/heads/main' }),
    workspace,
    aws,
    github,
    inputs: { command: kind, 'max-concurrency': CONCURRENCY, comment: 'false' },
    env: { ROLEMODEL_POLL_DELAY_MS: POLL_MS },
    timeoutMs: 600_000,
  });
  const calls = count(aws, since);
  const masterIamCalls = aws
    .requestLog()
    .filter((e) => e.time >= since && e.account === MASTER && e.service === 'iam').length;
  const mutating = aws.requestLog().filter((e) => e.time >= since && e.mutating).length;
  const planFile = result.outputs['plan-json'];
  const planned =
    kind === 'apply' && planFile
      ? plannedChanges((await import('node:fs')).readFileSync(planFile, 'utf8'))
      : 0;
  const row = {
    accounts,
    seconds: result.durationMs / 1000,
    exitCode: result.exitCode,
    calls,
    masterIamCalls,
    mutating,
    planned,
  };
  if (result.exitCode !== 0) console.error(result.stdout.slice(-2000), result.stderr.slice(-2000));
  result.cleanup();
  rmSync(workspace, { recursive: true, force: true });
  await aws.close();
  await github.close();
  return row;
};

const table = (title: string, header: string[], rows: string[][]): void => {
  console.log(`\n${title}\n`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  rows.forEach((r) => console.log(`| ${r.join(' | ')} |`));
};

const main = async (): Promise<void> => {
  console.log(`max-concurrency ${CONCURRENCY}, poll delay ${POLL_MS} ms, Node ${process.version}`);
  const plans: Row[] = [];
  for (const n of SIZES) plans.push(await run('plan', n));
  const base = plans[0]?.seconds ?? 1;
  table(
    'Plan (5 roles, 1,000 users; 1 s per change set, 20 ms per other call)',
    [
      'accounts',
      'wall time (s)',
      'x 1 account',
      'exit',
      'CreateChangeSet',
      'DescribeChangeSet',
      'master IAM calls',
      'GetAccountAuthorizationDetails',
      'all calls',
    ],
    plans.map((r) => [
      String(r.accounts),
      r.seconds.toFixed(1),
      (r.seconds / base).toFixed(2),
      String(r.exitCode),
      String(r.calls.get('CreateChangeSet') ?? 0),
      String(r.calls.get('DescribeChangeSet') ?? 0),
      String(r.masterIamCalls),
      String(r.calls.get('GetAccountAuthorizationDetails') ?? 0),
      String([...r.calls.values()].reduce((a, b) => a + b, 0)),
    ]),
  );
  const applies: Row[] = [];
  for (const n of SIZES) applies.push(await run('apply', n));
  const applyBase = applies[0]?.seconds ?? 1;
  table(
    'Apply (2 s per stack operation)',
    ['accounts', 'wall time (s)', 'x 1 account', 'exit', 'mutating calls', 'planned changes', 'equal'],
    applies.map((r) => [
      String(r.accounts),
      r.seconds.toFixed(1),
      (r.seconds / applyBase).toFixed(2),
      String(r.exitCode),
      String(r.mutating),
      String(r.planned),
      r.mutating === r.planned ? 'yes' : 'NO',
    ]),
  );
};

await main();
