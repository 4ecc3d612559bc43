// IAM's limits end to end through dist/index.js: each one is a plan error at the line that
// causes it (from the quotas the emulator answers GetAccountSummary with), apply refuses the
// plan before any change, and the same calls made by hand meet the emulator's LimitExceeded
// exactly where the plan said they would.
import { readFileSync } from 'node:fs';
import { ACCOUNTS, MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import { describeRun, expectExit, logOf, mutatingCalls } from './apply-helpers.ts';
import {
  errorAnnotations as allErrors,
  plain,
  planMarkdown,
  positionOf,
  summaryLine,
} from './plan-helpers.ts';
import { ALICE_EVERYWHERE, replayGroups } from './limit-helpers.ts';
import type { PlannedGroup } from './limit-helpers.ts';

let s: Scenario;
beforeEach(async () => {
  s = await startScenario();
});
afterEach(async () => s.close());

/** Error annotations on a line of a file (the run's own failure line has none). */
const errorAnnotations = (result: Parameters<typeof allErrors>[0]) => allErrors(result).filter((a) => a.file);

const groupsOf = (result: { outputs: Record<string, string> }): PlannedGroup[] => {
  const json = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
    groups?: PlannedGroup[];
    plan?: { groups: PlannedGroup[] };
  };
  return json.groups ?? json.plan?.groups ?? [];
};

/** Lines (1-based) of a workspace file that hold `needle`. */
const linesWith = (file: string, needle: string): number[] =>
  readFileSync(`${s.workspace}/${file}`, 'utf8')
    .split('\n')
    .flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));

/**
 * Apply refused: exit 1, the files' errors named, and not one change in any account (its
 * review change sets deleted, with the REVIEW_IN_PROGRESS stack a CREATE change set makes).
 */
const expectRefused = async (): Promise<void> => {
  const applied = await s.apply();
  expectExit(applied, 1);
  expect(applied.summary).toContain('The plan has errors; nothing was applied.');
  const changes = mutatingCalls(logOf(applied)).filter(
    (e) => !(e.service === 'cloudformation' && e.operation === 'DeleteStack'),
  );
  expect(changes).toEqual([]);
  await s.aws.idle();
  const left = Object.values(ACCOUNTS)
    .flatMap((id) => s.aws.stacks(id))
    .filter((st) => st.status === 'REVIEW_IN_PROGRESS');
  expect(left).toEqual([]);
};

const TEAMS = (teams: string) => {
  s.edit('rolemodel.yml', (t) => t.replace('users: users.yml', 'users: users.yml\nteams: teams.yml'));
  s.write('teams.yml', teams);
};

test('12 groups for alice: the plan fails on each of her lines, apply changes nothing, IAM would have refused the 11th and 12th', async () => {
  expectExit(await s.apply(), 0);
  s.write('users.yml', ALICE_EVERYWHERE);
  const planned = await s.plan();
  expectExit(planned, 1);
  const errors = errorAnnotations(planned);
  expect(errors.map((a) => [a.file, a.line])).toEqual(
    linesWith('users.yml', '- alice').map((l) => ['users.yml', l]),
  );
  expect(errors).toHaveLength(12);
  for (const a of errors)
    expect(a.message).toMatch(
      /^alice would be in 12 IAM groups once this plan is applied \(12 under the RoleModel path\); IAM allows 10 groups per user \(GroupsPerUserQuota\), and apply would fail with LimitExceeded\..*grant alice's roles through a team/s,
    );
  expect(summaryLine(planMarkdown(planned))).toMatch(/^❌ 12 errors · /);

  await expectRefused();
  // Made by hand, the plan's own calls: alice (in 3 groups) is added to 9 more; IAM takes 7.
  const refused = await replayGroups(s.aws, groupsOf(planned));
  expect(refused.map((r) => r.error)).toEqual([
    'LimitExceededException: Cannot exceed quota for GroupsPerUser: 10',
    'LimitExceededException: Cannot exceed quota for GroupsPerUser: 10',
  ]);
  expect(refused.every((r) => r.call.startsWith('AddUserToGroup ') && r.call.endsWith(' alice'))).toBe(true);
  expect(s.aws.iamState(MASTER).users.find((u) => u.name === 'alice')?.groups).toHaveLength(10);
});

test("groups outside /RoleModel/ count too, and a team is one group: moving alice's grants to a team passes", async () => {
  expectExit(await s.apply(), 0);
  // alice is in 7 groups of her own besides the samples' 3; the pull request adds her to one more.
  s.aws.seed({
    accounts: {
      [MASTER]: { groups: Array.from({ length: 7 }, (_, i) => ({ name: `Own${i}`, members: ['alice'] })) },
    },
  });
  s.edit('users.yml', (t) => t.replace('cdn:\n  SuperUserRole:\n', 'cdn:\n  SuperUserRole:\n    - alice\n'));
  const planned = await s.plan();
  expectExit(planned, 1);
  expect(errorAnnotations(planned).map((a) => a.message.split(';')[0])).toEqual([
    'alice would be in 11 IAM groups once this plan is applied (4 under the RoleModel path, and 7 outside it: Own0, Own1, Own2, Own3, Own4 and 2 more)',
    'alice would be in 11 IAM groups once this plan is applied (4 under the RoleModel path, and 7 outside it: Own0, Own1, Own2, Own3, Own4 and 2 more)',
    'alice would be in 11 IAM groups once this plan is applied (4 under the RoleModel path, and 7 outside it: Own0, Own1, Own2, Own3, Own4 and 2 more)',
    'alice would be in 11 IAM groups once this plan is applied (4 under the RoleModel path, and 7 outside it: Own0, Own1, Own2, Own3, Own4 and 2 more)',
  ]);
  // The same grants through one team: alice in 8 + 1 groups, within the quota, and applied.
  s.edit('users.yml', (t) =>
    t
      .replace('prod:\n  AdminRole:\n    - alice\n', 'prod:\n  AdminRole: []\n')
      .replace(/^ {4}- alice\n/gm, ''),
  );
  TEAMS(
    'alice-grants:\n  members: [alice]\n  grants:\n    prod: [AdminRole, ReadOnlyRole]\n    staging: [AdminRole]\n',
  );
  expectExit(await s.plan(), 0);
  const applied = await s.apply();
  expectExit(applied, 0);
  // She was at 10 before: apply took her out of her pair groups before adding her to the team.
  const calls = logOf(applied).map((e) => e.operation);
  expect(calls.lastIndexOf('RemoveUserFromGroup')).toBeLessThan(calls.indexOf('AddUserToGroup'));
  expect(calls.filter((c) => c === 'RemoveUserFromGroup')).toHaveLength(3);
  expect(
    s.aws
      .iamState(MASTER)
      .users.find((u) => u.name === 'alice')
      ?.groups.sort(),
  ).toEqual([...Array.from({ length: 7 }, (_, i) => `Own${i}`), 'team-alice-grants']);
});

test("the master account's group quota: an error on each account line that adds groups; IAM would have refused the one too many", async () => {
  s.aws.setIamQuotas({ GroupsQuota: 14 });
  s.aws.seed({
    accounts: { [MASTER]: { groups: [{ name: 'Admins' }, { name: 'Billing' }, { name: 'Ops' }] } },
  });
  const planned = await s.plan();
  expectExit(planned, 1);
  const errors = errorAnnotations(planned);
  expect(errors.map((a) => [a.file, a.line])).toEqual(
    ['prod', 'staging', 'cdn'].map((name) => [
      'rolemodel.yml',
      positionOf(s, 'rolemodel.yml', `- name: ${name}`).line,
    ]),
  );
  expect(errors[0]?.message).toMatch(
    /^The master account would have 15 IAM groups once this plan is applied \(3 now, 12 created, 0 deleted\); its quota \(GroupsQuota\) is 14, so apply would fail with LimitExceeded\. This line adds 4: prod\.AdminRole, prod\.SuperUserRole, prod\.ReadOnlyRole, prod\.FinanceRole\..*ask AWS to raise the quota/s,
  );

  await expectRefused();
  expect(Object.values(ACCOUNTS).flatMap((id) => s.aws.stacks(id))).toEqual([]);
  const refused = await replayGroups(s.aws, groupsOf(planned));
  expect(refused.filter((r) => r.call.startsWith('CreateGroup')).map((r) => r.error)).toEqual([
    'LimitExceededException: Cannot exceed quota for GroupsPerAccount: 14',
  ]);
});

test("a team's policy over the group policy quota: the plan gives its exact size; IAM refuses it below that size and takes it at it", async () => {
  expectExit(await s.apply(), 0);
  TEAMS(
    "sre:\n  members: [alice]\n  grants:\n    '*': [AdminRole, SuperUserRole, ReadOnlyRole, FinanceRole]\n",
  );
  s.aws.setIamQuotas({ GroupPolicySizeQuota: 500 });
  const planned = await s.plan();
  expectExit(planned, 1);
  const [error] = errorAnnotations(planned);
  expect([error?.file, error?.line]).toEqual(['teams.yml', 1]);
  const size = Number(/would be (\d[\d,]*) characters/.exec(error?.message ?? '')?.[1]?.replace(/,/g, ''));
  expect(error?.message).toBe(
    `The inline policy of group team-sre would be ${size.toLocaleString('en-US')} characters (whitespace not counted); the master account allows 500 per group (GroupPolicySizeQuota), so apply would fail with LimitExceeded.\nSplit team sre into teams that grant fewer accounts or roles, or give the roles a literal RoleName in the template: one statement then grants a role in every account.`,
  );
  expect(size).toBeGreaterThan(500);

  await expectRefused();
  const team = groupsOf(planned).filter((g) => g.name === 'team-sre');
  expect(await replayGroups(s.aws, team)).toEqual([
    {
      call: 'PutGroupPolicy team-sre',
      error: 'LimitExceededException: Maximum policy size of 500 bytes exceeded for group team-sre',
    },
  ]);
  // One character less than the plan said is too little; exactly its size is enough.
  s.aws.setIamQuotas({ GroupPolicySizeQuota: size - 1 });
  expect((await replayGroups(s.aws, [{ ...team[0], action: 'update' } as PlannedGroup])).length).toBe(1);
  s.aws.setIamQuotas({ GroupPolicySizeQuota: size });
  expect(await replayGroups(s.aws, [{ ...team[0], action: 'update' } as PlannedGroup])).toEqual([]);
});

test("a trust policy over an account's quota: an error at the template's line naming those accounts; CloudFormation would have failed there only", async () => {
  // cdn asked AWS for longer trust policies; prod and staging have the default 2,048.
  s.aws.setIamQuotas({ AssumeRolePolicySizeQuota: 4096 }, ACCOUNTS.cdn);
  s.edit('roles.yml', (t) =>
    t.replace(
      '          - Sid: MasterAccountUsersWithMfa\n',
      `          - Sid: MasterAccountUsersWithMfa${'X'.repeat(1900)}\n`,
    ),
  );
  const planned = await s.plan();
  expectExit(planned, 1);
  const errors = errorAnnotations(planned);
  const trustLine = positionOf(s, 'roles.yml', 'AssumeRolePolicyDocument:').line;
  expect(errors.map((a) => [a.file, a.line])).toEqual([['roles.yml', trustLine]]);
  const sizes =
    /in prod \(210987654321\): ([\d,]+) where it allows 2,048, staging \(310987654321\): ([\d,]+) where it allows 2,048;/.exec(
      errors[0]?.message ?? '',
    );
  expect(sizes).not.toBeNull();
  expect(errors[0]?.message).toMatch(
    /^The trust policy \(AssumeRolePolicyDocument\) of AdminRole is longer than the account's AssumeRolePolicySizeQuota/,
  );
  expect(errors[0]?.message).not.toContain('cdn');
  expect(plain(planMarkdown(planned))).toContain('AssumeRolePolicySizeQuota');

  await expectRefused();
  expect(Object.values(ACCOUNTS).flatMap((id) => s.aws.stacks(id))).toEqual([]);
  // The template deployed by hand: CloudFormation fails on AdminRole in prod with IAM's
  // LimitExceeded, and creates it in cdn.
  const template = readFileSync(`${s.workspace}/roles.yml`, 'utf8');
  const parameters = { AssumingAccountID: MASTER, MfaMaxAgeSeconds: '28800' };
  const prod = s.aws.createStack({
    name: 'ByHand',
    templateBody: template,
    parameters,
    account: ACCOUNTS.prod,
  });
  const cdn = s.aws.createStack({
    name: 'ByHand',
    templateBody: template,
    parameters,
    account: ACCOUNTS.cdn,
  });
  await s.aws.idle();
  const final = (id: string) => s.aws.stack('ByHand', id);
  expect(final(ACCOUNTS.cdn)?.status).toBe('CREATE_COMPLETE');
  expect(final(ACCOUNTS.prod)?.status).toMatch(/ROLLBACK_COMPLETE$/);
  const failed = final(ACCOUNTS.prod)?.events.find((e) => e.status === 'CREATE_FAILED');
  expect([failed?.logicalId, failed?.reason]).toEqual([
    'AdminRole',
    expect.stringContaining('Cannot exceed quota for ACLSizePerRole: 2048'),
  ]);
  void prod;
  void cdn;
  void describeRun;
});
