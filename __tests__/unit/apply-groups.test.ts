// applyGroups against a mocked IAM: the phases keep their order across all groups, calls run
// at once within a phase under the bound, every step's outcome is a value, a failure skips only
// what relies on it, and IAM's edges (LimitExceeded, NoSuchEntity after CreateGroup) are met.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  IAMClient,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { applyGroups } from '../../src/aws/iam/apply-groups.ts';
import type { RetryTiming } from '../../src/aws/iam/consistency.ts';
import { describeIamError } from '../../src/aws/iam/errors.ts';
import type { GroupPlan } from '../../src/core/plan/types.ts';

const iam = mockClient(IAMClient);
const client = new IAMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
});

const ARN = 'arn:aws:iam::210987654321:role/RoleModel-AdminRole-X';
const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ARN }],
};

const group = (over: Partial<GroupPlan> & { name: string }): GroupPlan => ({
  path: '/RoleModel/',
  accountName: over.name.split('.')[0],
  roleLogicalId: over.name.split('.')[1],
  action: 'update',
  roleArn: ARN,
  policyName: `${over.name}-Policy`,
  policy: undefined,
  extraPolicies: [],
  membersToAdd: [],
  membersToRemove: [],
  members: [],
  ...over,
});

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

/** Each call as `Operation group [user/policy]`, in the order they were sent. */
let calls: string[];
const record =
  (operation: string) =>
  async (input: { GroupName?: string; UserName?: string; PolicyName?: string; PolicyArn?: string }) => {
    calls.push(
      [operation, input.GroupName, input.UserName ?? input.PolicyName ?? input.PolicyArn]
        .filter(Boolean)
        .join(' '),
    );
    await new Promise((resolve) => setTimeout(resolve, 1));
    return {};
  };

beforeEach(() => {
  iam.reset();
  calls = [];
  iam.on(AddUserToGroupCommand).callsFake(record('Add'));
  iam.on(RemoveUserFromGroupCommand).callsFake(record('Remove'));
  iam.on(CreateGroupCommand).callsFake(record('Create'));
  iam.on(DeleteGroupCommand).callsFake(record('Delete'));
  iam.on(PutGroupPolicyCommand).callsFake(record('Put'));
  iam.on(DeleteGroupPolicyCommand).callsFake(record('DeletePolicy'));
  iam.on(DetachGroupPolicyCommand).callsFake(record('Detach'));
});

const instant: RetryTiming = { waitMs: 10_000, sleep: async () => undefined, now: () => 0 };

const run = (groups: GroupPlan[], concurrency = 4, timing: RetryTiming = instant) => {
  const log: string[] = [];
  return applyGroups(client, groups, concurrency, (l) => log.push(l), { consistency: timing }).then(
    (outcomes) => ({
      outcomes,
      log,
    }),
  );
};

const ORGANISATION = (): GroupPlan[] => [
  group({
    name: 'prod.AdminRole',
    membersToAdd: ['dave', 'erin'],
    membersToRemove: [{ userName: 'bob', origin: 'git' }],
    managedPolicies: [
      {
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        name: 'AdministratorAccess',
        level: 'admin',
        note: '',
      },
    ],
  }),
  group({
    name: 'old.AdminRole',
    action: 'delete',
    extraPolicies: ['old.AdminRole-Policy'],
    membersToRemove: [{ userName: 'carol', origin: 'git' }],
  }),
  group({
    name: 'cdn.NewRole',
    action: 'create',
    policy: { before: undefined, after: policy, afterApply: false },
    membersToAdd: ['alice'],
  }),
  group({ name: 'staging.ReadOnlyRole', action: 'no-change' }),
];

describe('phases', () => {
  test('everything that narrows, then deletions, creations, policies, additions: across all groups', async () => {
    const { outcomes } = await run(ORGANISATION());
    const phaseOf = (call: string): number =>
      ['Remove', 'DeletePolicy', 'Detach'].includes(call.split(' ')[0] ?? '')
        ? 0
        : ['Delete', 'Create', 'Put', 'Add'].indexOf(call.split(' ')[0] ?? '') + 1;
    expect(calls.map(phaseOf)).toEqual([...calls.map(phaseOf)].sort());
    expect([...calls].sort()).toEqual(
      [
        'Remove prod.AdminRole bob',
        'Detach prod.AdminRole arn:aws:iam::aws:policy/AdministratorAccess',
        'Remove old.AdminRole carol',
        'DeletePolicy old.AdminRole old.AdminRole-Policy',
        'Delete old.AdminRole',
        'Create cdn.NewRole',
        'Put cdn.NewRole cdn.NewRole-Policy',
        'Add prod.AdminRole dave',
        'Add prod.AdminRole erin',
        'Add cdn.NewRole alice',
      ].sort(),
    );
    expect(outcomes.map((o) => [o.group, o.ok, o.calls])).toEqual([
      ['old.AdminRole', true, 3],
      ['prod.AdminRole', true, 4],
      ['cdn.NewRole', true, 3],
    ]);
  });

  test('within a phase, steps of every group run at once, never more than the bound', async () => {
    // Each call waits until six are in flight (or no more will come): the bound is reached
    // however slow the machine, and never passed.
    let inFlight = 0;
    let most = 0;
    let started = 0;
    let waiting: (() => void)[] = [];
    iam.on(AddUserToGroupCommand).callsFake(async () => {
      inFlight += 1;
      started += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 6 || started === 30) {
          waiting.forEach((release) => release());
          waiting = [];
        }
      });
      inFlight -= 1;
      return {};
    });
    const users = Array.from({ length: 30 }, (_, i) => `user${i}`);
    await run(
      [
        group({ name: 'a.R', membersToAdd: users.slice(0, 20) }),
        group({ name: 'b.R', membersToAdd: users.slice(20) }),
      ],
      6,
    );
    expect(most).toBe(6);
  });
});

describe('outcomes as values', () => {
  test('a failed addition does not stop the group’s other steps; each is reported', async () => {
    iam.on(AddUserToGroupCommand).callsFake(async (input: { UserName?: string }) => {
      if (input.UserName === 'dave')
        throw awsError('LimitExceededException', 'Cannot exceed quota for GroupsPerUser: 10');
      calls.push(`Add ${input.UserName ?? ''}`);
      return {};
    });
    const { outcomes, log } = await run([
      group({ name: 'prod.AdminRole', membersToAdd: ['alice', 'dave', 'erin'] }),
    ]);
    expect(calls.sort()).toEqual(['Add alice', 'Add erin']);
    expect(outcomes).toEqual([
      expect.objectContaining({
        group: 'prod.AdminRole',
        ok: false,
        calls: 3,
        reason:
          '2 of 3 change(s) done, 1 failed: add dave failed: IAM limit GroupsPerUser (10) reached: LimitExceededException: Cannot exceed quota for GroupsPerUser: 10. A user can be in at most 10 IAM groups, a limit AWS does not raise: take the user out of another group first. Not retried: a limit does not pass by waiting.',
      }),
    ]);
    expect(log).toContain('prod.AdminRole: add alice');
  });

  test('a stale group that could not be emptied is not deleted; other groups go on', async () => {
    iam.on(RemoveUserFromGroupCommand).rejects(awsError('AccessDenied', 'no'));
    const { outcomes } = await run(ORGANISATION());
    expect(calls).not.toContain('Delete old.AdminRole');
    expect(calls).toContain('Add prod.AdminRole dave');
    const old = outcomes.find((o) => o.group === 'old.AdminRole');
    expect(old).toMatchObject({
      ok: false,
      reason:
        '1 of 3 change(s) done, 1 failed, 1 not tried: remove carol failed: AccessDenied: no; delete group not tried: the group could not be emptied',
    });
  });

  test('a group that could not be created gets neither its policy nor members; a policy that could not be written keeps members out', async () => {
    iam.on(CreateGroupCommand).rejects(awsError('AccessDenied', 'no create'));
    iam.on(PutGroupPolicyCommand).callsFake(async (input: { GroupName?: string }) => {
      if (input.GroupName === 'prod.AdminRole') throw awsError('MalformedPolicyDocumentException', 'bad');
      return {};
    });
    const { outcomes } = await run([
      group({
        name: 'cdn.NewRole',
        action: 'create',
        policy: { before: undefined, after: policy, afterApply: false },
        membersToAdd: ['alice'],
      }),
      group({
        name: 'prod.AdminRole',
        policy: { before: {}, after: policy, afterApply: false },
        membersToAdd: ['bob'],
      }),
    ]);
    expect(calls).toEqual([]);
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.reason))).toEqual([
      '0 of 3 change(s) done, 1 failed, 2 not tried: create group failed: AccessDenied: no create; put policy cdn.NewRole-Policy not tried: the group could not be created; add alice not tried: the group could not be created',
      "0 of 2 change(s) done, 1 failed, 1 not tried: put policy prod.AdminRole-Policy failed: MalformedPolicyDocumentException: bad; add bob not tried: the group's policy could not be written",
    ]);
  });

  test('steps a killed run already did count as done', async () => {
    iam.on(RemoveUserFromGroupCommand).rejects(awsError('NoSuchEntityException', 'not in the group'));
    iam.on(DetachGroupPolicyCommand).rejects(awsError('NoSuchEntityException', 'not attached'));
    const { outcomes, log } = await run([ORGANISATION()[0] as GroupPlan]);
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(log).toContain('prod.AdminRole: remove bob (already done)');
  });
});

describe("IAM's consistency window", () => {
  const clock = (): RetryTiming & { slept: number[] } => {
    let now = 0;
    const slept: number[] = [];
    return {
      slept,
      waitMs: 10_000,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    };
  };

  test('NoSuchEntity on a group this run created is retried with backoff until IAM knows it', async () => {
    let refusals = 3;
    iam.on(PutGroupPolicyCommand).callsFake(async () => {
      if (refusals-- > 0)
        throw awsError('NoSuchEntityException', 'The group with name cdn.NewRole cannot be found.');
      return {};
    });
    const timing = clock();
    const { outcomes } = await run([ORGANISATION()[2] as GroupPlan], 4, timing);
    expect(outcomes[0]).toMatchObject({ ok: true });
    expect(timing.slept).toEqual([250, 500, 1000]);
  });

  test('… for about 10 s, then it counts as a failure', async () => {
    iam
      .on(AddUserToGroupCommand)
      .rejects(awsError('NoSuchEntityException', 'The group with name cdn.NewRole cannot be found.'));
    const timing = clock();
    const { outcomes } = await run([ORGANISATION()[2] as GroupPlan], 4, timing);
    expect(timing.slept).toEqual([250, 500, 1000, 2000, 4000, 2250]);
    expect(outcomes[0]).toMatchObject({ ok: false });
  });

  test('NoSuchEntity on a group that already existed is not waited for', async () => {
    iam
      .on(AddUserToGroupCommand)
      .rejects(awsError('NoSuchEntityException', 'The user with name ghost cannot be found.'));
    const timing = clock();
    const { outcomes } = await run([group({ name: 'prod.AdminRole', membersToAdd: ['ghost'] })], 4, timing);
    expect(timing.slept).toEqual([]);
    expect(outcomes[0]).toMatchObject({ ok: false });
  });
});

describe('describeIamError', () => {
  test.each([
    [
      'GroupsPerAccount',
      'Cannot exceed quota for GroupsPerAccount: 300',
      /IAM limit GroupsPerAccount \(300\) reached: .*"Groups per account" quota/,
    ],
    [
      'an inline policy size',
      'Maximum policy size of 5120 bytes exceeded for group g',
      /an IAM limit was reached: .*5120 bytes.*Not retried/,
    ],
  ])('LimitExceeded for %s names the limit', (_, message, expected) => {
    expect(describeIamError(awsError('LimitExceededException', message))).toMatch(expected);
  });

  test('other errors are the error', () => {
    expect(describeIamError(awsError('AccessDenied', 'no'))).toBe('AccessDenied: no');
  });
});
