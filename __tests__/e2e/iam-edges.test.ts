// IAM's own edges, end to end through dist/index.js against the emulator: managed policies
// attached to RoleModel groups outside git, a quota hit in the middle of an apply, IAM's
// consistency window after CreateGroup, and a session that expires half-way through.
import { AttachGroupPolicyCommand } from '@aws-sdk/client-iam';
import { MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import {
  byHand,
  convergedSampleState,
  countBy,
  effectiveMutatingCalls,
  expectExit,
  groupRow,
  logOf,
  mutatingCalls,
  normalState,
  plainText,
  readJsonOutput,
} from './apply-helpers.ts';
import { planComments } from './scenario.ts';

let s: Scenario | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const scenario = async (options?: Parameters<typeof startScenario>[0]): Promise<Scenario> => {
  s = await startScenario(options);
  return s;
};

const baseline = async (sc: Scenario): Promise<void> => {
  expectExit(await sc.apply(), 0);
  expect(normalState(sc.aws)).toEqual(convergedSampleState());
};

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const OPS = `arn:aws:iam::${MASTER}:policy/Ops`;
/** A customer managed policy that can hand roles to services: iam-write. */
const OPS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }],
};

interface JsonGroup {
  readonly name: string;
  readonly action: string;
  readonly managedPolicies?: readonly { arn: string; name: string; level: string }[];
}

const membersOf = (sc: Scenario, group: string): string[] =>
  [...(sc.aws.iamState(MASTER).groups.find((g) => g.name === group)?.members ?? [])].sort();

test('managed policies attached by hand are drift: the plan shows each with its level, apply detaches them, a stale group is emptied of them before it is deleted', async () => {
  const sc = await scenario();
  await baseline(sc);
  sc.aws.seed({
    accounts: {
      [MASTER]: {
        managedPolicies: [{ name: 'Ops', document: OPS_DOCUMENT }],
        groups: [
          { name: 'old.AdminRole', path: '/RoleModel/', members: ['dave'], managedPolicyArns: [READ_ONLY] },
        ],
      },
    },
  });
  await byHand(sc.aws, async (iam) => {
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'prod.ReadOnlyRole', PolicyArn: ADMIN }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'cdn.ReadOnlyRole', PolicyArn: OPS }));
  });

  const planned = await sc.plan();
  expectExit(planned, 0);
  const json = readJsonOutput<{ groups: JsonGroup[] }>(planned);
  const attached = Object.fromEntries(
    json.groups.filter((g) => g.managedPolicies).map((g) => [g.name, [g.action, g.managedPolicies]]),
  );
  expect(attached).toEqual({
    'prod.ReadOnlyRole': [
      'update',
      [{ arn: ADMIN, name: 'AdministratorAccess', level: 'admin', note: expect.any(String) }],
    ],
    'cdn.ReadOnlyRole': ['update', [{ arn: OPS, name: 'Ops', level: 'iam-write', note: expect.any(String) }]],
    'old.AdminRole': [
      'delete',
      [{ arn: READ_ONLY, name: 'ReadOnlyAccess', level: 'read-only', note: expect.any(String) }],
    ],
  });
  const comment = plainText(planComments(sc)[0] ?? '');
  const row = (group: string) => comment.split('\n').find((l) => l.startsWith(`| \`${group}\` |`)) ?? '';
  expect(row('prod.ReadOnlyRole')).toContain('🔴 detaches managed policy `AdministratorAccess` (**admin**: ');
  expect(row('cdn.ReadOnlyRole')).toContain('🟠 detaches managed policy `Ops` (**iam-write**: ');
  expect(row('old.AdminRole')).toContain('detaches managed policy `ReadOnlyAccess` (**read-only**: ');
  expect(comment).toContain('3 managed policies attached outside git detached');

  const applied = await sc.apply();
  expectExit(applied, 0);
  expect(normalState(sc.aws)).toEqual(convergedSampleState());
  expect(sc.aws.iamState(MASTER).managedPolicies.map((p) => [p.name, p.attachmentCount])).toEqual([
    ['Ops', 0],
  ]);
  const calls = effectiveMutatingCalls(logOf(applied));
  expect(countBy(calls)).toEqual({
    'iam:DetachGroupPolicy': 3,
    'iam:RemoveUserFromGroup': 1,
    'iam:DeleteGroup': 1,
  });
  // The stale group lost its member and its policy before IAM was asked to delete it.
  const order = calls.map((e) => e.operation);
  expect(order.lastIndexOf('DetachGroupPolicy')).toBeLessThan(order.indexOf('DeleteGroup'));
  expect(logOf(applied).filter((e) => e.errorCode === 'DeleteConflict')).toEqual([]);
  expect(groupRow(applied.summary, 'old.AdminRole')).toMatch(/^\| ✅ \|/);

  const again = await sc.apply();
  expectExit(again, 0);
  expect(countBy(mutatingCalls(logOf(again)))).toEqual({});
});

test('a quota hit mid-apply is reported at once with the limit, never retried, and the group’s other members are still added', async () => {
  const sc = await scenario();
  await baseline(sc);
  sc.edit('users.yml', (text) =>
    text.replace(
      '  ReadOnlyRole:\n    - carol\n',
      '  ReadOnlyRole:\n    - alice\n    - bob\n    - carol\n    - dave\n',
    ),
  );
  // Meanwhile, as the apply starts adding members, someone puts alice into seven more groups
  // outside RoleModel: with her three RoleModel groups she is at IAM's 10, which no plan saw.
  sc.aws.whenCalled('AddUserToGroup', () =>
    sc.aws.seed({
      accounts: {
        [MASTER]: {
          groups: Array.from({ length: 7 }, (_, i) => ({ name: `team-${i}`, members: ['alice'] })),
        },
      },
    }),
  );

  const result = await sc.apply({ timeoutMs: 150_000 });
  expectExit(result, 1);
  const adds = logOf(result).filter((e) => e.operation === 'AddUserToGroup');
  expect(adds.filter((e) => e.errorCode === 'LimitExceeded')).toHaveLength(1);
  expect(adds.filter((e) => e.status === 200)).toHaveLength(2);
  expect(membersOf(sc, 'staging.ReadOnlyRole')).toEqual(['bob', 'carol', 'dave']);

  const row = groupRow(result.summary, 'staging.ReadOnlyRole') ?? '';
  expect(row).toMatch(
    /^\| ❌ \| `staging\.ReadOnlyRole` \| 2 of 3 change\(s\) done, 1 failed: add alice failed: /,
  );
  expect(row).toContain('IAM limit GroupsPerUser (10) reached');
  expect(row).toContain('A user can be in at most 10 IAM groups');
  expect(row).toContain('Not retried');
  const failure = result.annotations.find((a) => a.severity === 'error')?.message ?? '';
  expect(failure).toContain(
    'staging.ReadOnlyRole: 2 of 3 change(s) done, 1 failed: add alice failed: IAM limit GroupsPerUser (10) reached',
  );
}, 180_000);

test('IAM’s consistency window: a group this run created is retried on NoSuchEntity until IAM knows it', async () => {
  const sc = await scenario({ iamConsistencyWindowMs: 1_500 });
  const result = await sc.apply();
  expectExit(result, 0);
  expect(normalState(sc.aws)).toEqual(convergedSampleState());
  const log = logOf(result);
  const notYet = log.filter((e) => e.errorCode === 'NoSuchEntity');
  // Every group's policy was first refused, then written once.
  expect(countBy(notYet.filter((e) => e.operation === 'PutGroupPolicy'))).toEqual({
    'iam:PutGroupPolicy': expect.any(Number),
  });
  expect(notYet.length).toBeGreaterThanOrEqual(12);
  expect(log.filter((e) => e.operation === 'PutGroupPolicy' && e.status === 200)).toHaveLength(12);
  expect(plainText(result.summary)).toContain('Applied: 3 stack(s) changed, 12 group(s) changed.');
});

test('credentials that expire in the middle of the IAM changes are fetched again once and the call retried', async () => {
  const sc = await scenario();
  await baseline(sc);
  sc.edit('users.yml', (text) =>
    text.replace(
      '  ReadOnlyRole:\n    - carol\n',
      '  ReadOnlyRole:\n    - alice\n    - bob\n    - carol\n    - dave\n',
    ),
  );
  sc.edit('users.yml', (text) =>
    text.replace(
      '  FinanceRole:\n    - dave\n\nstaging',
      '  FinanceRole:\n    - carol\n    - dave\n\nstaging',
    ),
  );
  sc.aws.whenCalled('AddUserToGroup', () => sc.aws.expireTemporaryCredentials(), { call: 2 });

  const result = await sc.apply();
  expectExit(result, 0);
  const log = logOf(result);
  const expired = log.filter((e) => e.errorCode === 'ExpiredToken');
  expect(expired.length).toBeGreaterThanOrEqual(1);
  expect(expired.every((e) => e.operation === 'AddUserToGroup')).toBe(true);
  const adds = log.filter((e) => e.operation === 'AddUserToGroup');
  // Each refused call was made once more, and only once: 4 members added in all.
  expect(adds.filter((e) => e.status === 200)).toHaveLength(4);
  expect(adds).toHaveLength(4 + expired.length);
  // One new master session for all of them (the first was the run's own).
  expect(log.filter((e) => e.operation === 'AssumeRoleWithWebIdentity')).toHaveLength(2);
  expect(membersOf(sc, 'staging.ReadOnlyRole')).toEqual(['alice', 'bob', 'carol', 'dave']);
  expect(membersOf(sc, 'prod.FinanceRole')).toEqual(['carol', 'dave']);
});

test('every session expiring while stacks are created: each account and the master session are fetched again, the apply completes', async () => {
  const sc = await scenario({ stackOperationDelayMs: 600 });
  // Two stacks are being created, the third is about to be: every session ends now.
  sc.aws.whenCalled('ExecuteChangeSet', () => sc.aws.expireTemporaryCredentials(), { call: 3 });
  const result = await sc.apply();
  expectExit(result, 0);
  expect(normalState(sc.aws)).toEqual(convergedSampleState());
  const log = logOf(result);
  const expired = log.filter((e) => e.errorCode === 'ExpiredToken');
  // The execute that met the expiry was made again, and nothing was executed twice.
  expect(expired.map((e) => e.operation)).toContain('ExecuteChangeSet');
  expect(log.filter((e) => e.operation === 'ExecuteChangeSet' && e.status === 200)).toHaveLength(3);
  // An account's AssumeRole refused with the old master session renewed the master session:
  // once for all three accounts, then each account assumed its role again.
  expect(log.some((e) => e.operation === 'AssumeRole' && e.errorCode === 'ExpiredToken')).toBe(true);
  const webIdentity = log.filter((e) => e.operation === 'AssumeRoleWithWebIdentity');
  expect(webIdentity.length).toBeGreaterThanOrEqual(2);
  expect(log.filter((e) => e.operation === 'AssumeRole' && e.status === 200)).toHaveLength(6);
});
