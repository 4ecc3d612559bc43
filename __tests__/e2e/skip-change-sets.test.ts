// A plan skips the change set of a stack whose deployed template text and parameters are
// exactly the files', and never otherwise: each way a stack can differ while looking the same
// (a parameter value, a tag, whitespace, a failed update rolled back) still gets a change set
// and shows its change. End to end through dist/index.js against the emulators.
import { readFileSync } from 'node:fs';
import { UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import type { RequestLogEntry } from '../support/aws-emulator/index.ts';
import { ACCOUNTS, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import { cloudFormationByHand, expectExit, stackOf } from './apply-helpers.ts';
import { awsLog, plain, planJson, planned, replaceIn } from './plan-helpers.ts';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** The samples applied: three stacks in UPDATE_COMPLETE or CREATE_COMPLETE, groups synced. */
const appliedScenario = async (): Promise<Scenario> => {
  s = await startScenario();
  expectExit(await s.apply(), 0);
  return s;
};

const accountOf = (entry: RequestLogEntry): string =>
  Object.entries(ACCOUNTS).find(([, id]) => id === entry.account)?.[0] ?? entry.account ?? '?';

/** Accounts in which the run created a change set, sorted. */
const changeSetAccounts = (log: readonly RequestLogEntry[]): string[] =>
  log
    .filter((e) => e.operation === 'CreateChangeSet')
    .map(accountOf)
    .sort();

interface StackRow {
  readonly accountName: string;
  readonly action: string;
  readonly comparedWithDeployed?: boolean;
  readonly changes: readonly { action: string; logicalId: string }[];
}

/** Each account's stack plan in one line: `update: Modify AdminRole`, `no-change (compared)`. */
const stacksOf = (result: Awaited<ReturnType<Scenario['plan']>>): Record<string, string> => {
  expectExit(result, 0);
  const rows = planned(planJson(result)).stacks as readonly StackRow[];
  return Object.fromEntries(
    rows.map((r) => [
      r.accountName,
      `${r.action}${r.comparedWithDeployed === true ? ' (compared)' : ''}${r.changes.length > 0 ? `: ${r.changes.map((c) => `${c.action} ${c.logicalId}`).join(', ')}` : ''}`,
    ]),
  );
};

const ALL = ['cdn', 'prod', 'staging'];

test('a pull request that changes only a membership creates no change set, and the plan says how each stack was found unchanged', async () => {
  const sc = await appliedScenario();
  replaceIn(sc, 'users.yml', '  ReadOnlyRole:\n    - carol\n', '  ReadOnlyRole:\n    - carol\n    - dave\n');
  const result = await sc.plan();
  expect(stacksOf(result)).toEqual({
    prod: 'no-change (compared)',
    staging: 'no-change (compared)',
    cdn: 'no-change (compared)',
  });
  const log = awsLog(result);
  expect(changeSetAccounts(log)).toEqual([]);
  expect(
    log
      .filter((e) => e.operation === 'GetTemplate')
      .map(accountOf)
      .sort(),
  ).toEqual(ALL);
  const comment = plain(planComments(sc)[0] ?? '');
  expect(comment).toContain('Stack unchanged in: `prod`, `staging`, `cdn`.');
  expect(comment).toContain(
    "Each was compared with its deployed template and parameters, which are exactly the files': no change set was needed.",
  );
  expect(comment).toContain('`dave`');
});

test('only a parameter value changes (the template text is the same): every account gets a change set and shows the change', async () => {
  const sc = await appliedScenario();
  replaceIn(sc, 'rolemodel.yml', "MfaMaxAgeSeconds: '28800'", "MfaMaxAgeSeconds: '3600'");
  const result = await sc.plan();
  const modified = ['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'];
  const stacks = stacksOf(result);
  for (const account of ALL) {
    expect(stacks[account]).toMatch(/^update: /);
    for (const role of modified) expect(stacks[account]).toContain(`Modify ${role}`);
  }
  expect(changeSetAccounts(awsLog(result))).toEqual(ALL);
});

test('a parameter changed by hand in one account (same text): only that account gets a change set, and it shows the change', async () => {
  const sc = await appliedScenario();
  await cloudFormationByHand(sc.aws, 'prod', (cfn) =>
    cfn.send(
      new UpdateStackCommand({
        StackName: 'RoleModel',
        UsePreviousTemplate: true,
        Capabilities: ['CAPABILITY_IAM'],
        Parameters: [
          { ParameterKey: 'AssumingAccountID', UsePreviousValue: true },
          { ParameterKey: 'MfaMaxAgeSeconds', ParameterValue: '900' },
        ],
      }),
    ),
  );
  await sc.aws.idle();
  expect(stackOf(sc.aws, 'prod')?.status).toBe('UPDATE_COMPLETE');
  const result = await sc.plan();
  const stacks = stacksOf(result);
  expect(stacks['staging']).toBe('no-change (compared)');
  expect(stacks['cdn']).toBe('no-change (compared)');
  expect(stacks['prod']).toMatch(/^update: /);
  expect(changeSetAccounts(awsLog(result))).toEqual(['prod']);
});

test('only a tag in the template changes: a change set in every account, each showing the tag change', async () => {
  const sc = await appliedScenario();
  replaceIn(
    sc,
    'roles.yml',
    '      Description: RoleModel - full administrator access.\n',
    '      Description: RoleModel - full administrator access.\n      Tags:\n        - Key: team\n          Value: platform\n',
  );
  const result = await sc.plan();
  const stacks = stacksOf(result);
  for (const account of ALL) expect(stacks[account]).toBe('update: Modify AdminRole');
  expect(changeSetAccounts(awsLog(result))).toEqual(ALL);
  const comment = plain(planComments(sc)[0] ?? '');
  // The three accounts change alike: one section names them, the tag change shown once.
  expect(comment).toMatch(/### prod \(\d+\), staging \(\d+\), cdn \(\d+\)\n/);
  expect(comment).toMatch(/\| ~ modify \| `AdminRole` \| `AWS::IAM::Role` \| no \| Tags \|/);
});

test('only whitespace changes: a change set decides in every account, whether the whitespace means something or not', async () => {
  const sc = await appliedScenario();
  // Whitespace inside a value: the description really changes.
  replaceIn(
    sc,
    'roles.yml',
    'RoleModel - full administrator access.',
    'RoleModel -  full administrator access.',
  );
  const meaningful = await sc.plan();
  for (const account of ALL) expect(stacksOf(meaningful)[account]).toBe('update: Modify AdminRole');
  expect(changeSetAccounts(awsLog(meaningful))).toEqual(ALL);

  // Whitespace that means nothing: CloudFormation says so, not a comparison of text.
  replaceIn(
    sc,
    'roles.yml',
    'RoleModel -  full administrator access.',
    'RoleModel - full administrator access.',
  );
  sc.edit('roles.yml', (text) => `${text.replace('\nResources:\n', '\n\n\nResources:\n')}   \n`);
  const meaningless = await sc.plan();
  expect(stacksOf(meaningless)).toEqual({ prod: 'no-change', staging: 'no-change', cdn: 'no-change' });
  expect(changeSetAccounts(awsLog(meaningless))).toEqual(ALL);
  expect(plain(planComments(sc)[0] ?? '')).not.toContain('no change set was needed');
});

test('a stack in UPDATE_ROLLBACK_COMPLETE is never compared: a change set shows the update that failed, then decides once the files match it again', async () => {
  const sc = await appliedScenario();
  const original = readFileSync(`${sc.workspace}/roles.yml`, 'utf8');
  replaceIn(sc, 'roles.yml', 'RoleModel - full administrator access.', 'RoleModel - administrator.');
  sc.aws.failResource({ account: ACCOUNTS.prod, logicalId: 'AdminRole', operation: 'update', times: 1 });
  expectExit(await sc.apply(), 1);
  await sc.aws.idle();
  expect(stackOf(sc.aws, 'prod')?.status).toBe('UPDATE_ROLLBACK_COMPLETE');

  const again = await sc.plan();
  expect(stacksOf(again)).toEqual({
    prod: 'update: Modify AdminRole',
    staging: 'no-change (compared)',
    cdn: 'no-change (compared)',
  });
  expect(changeSetAccounts(awsLog(again))).toEqual(['prod']);

  // Back to what prod holds after its rollback: a change set there all the same (and in the
  // two accounts that did take the update, whose text now differs).
  sc.write('roles.yml', original);
  const back = await sc.plan();
  expect(stacksOf(back)).toEqual({
    prod: 'no-change',
    staging: 'update: Modify AdminRole',
    cdn: 'update: Modify AdminRole',
  });
  expect(changeSetAccounts(awsLog(back))).toEqual(ALL);
});
