// The master account's groups are narrowed before any is widened: a person moved from pair
// groups to a team is taken out of the old groups before being added to the new one, whatever
// the concurrency, so IAM's group limits are met as the plan counted them.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  IAMClient,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { applyGroups } from '../../src/aws/iam/apply-groups.ts';
import type { GroupPlan } from '../../src/core/plan/types.ts';

const iam = mockClient(IAMClient);
const calls: string[] = [];
const record = (name: string) => (input: { GroupName?: string; UserName?: string; PolicyName?: string }) => {
  calls.push(`${name} ${input.GroupName ?? ''}${input.UserName ? ` ${input.UserName}` : ''}`);
  return {};
};

beforeEach(() => {
  iam.reset();
  calls.length = 0;
  iam.on(RemoveUserFromGroupCommand).callsFake(record('remove'));
  iam.on(AddUserToGroupCommand).callsFake(record('add'));
  iam.on(CreateGroupCommand).callsFake(record('create'));
  iam.on(PutGroupPolicyCommand).callsFake(record('put'));
  iam.on(DeleteGroupPolicyCommand).callsFake(record('delete-policy'));
  iam.on(DeleteGroupCommand).callsFake(record('delete'));
});

const group = (name: string, overrides: Partial<GroupPlan>): GroupPlan => ({
  name,
  path: '/RoleModel/',
  accountName: undefined,
  roleLogicalId: undefined,
  action: 'update',
  roleArn: undefined,
  policyName: `${name}-Policy`,
  policy: undefined,
  extraPolicies: [],
  membersToAdd: [],
  membersToRemove: [],
  members: [],
  ...overrides,
});

const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

// The team first, as a plan lists it after the pair groups would not help: order is by kind of change.
const moved: GroupPlan[] = [
  group('team-sre', {
    action: 'create',
    policy: { before: undefined, after: POLICY, afterApply: false },
    membersToAdd: ['alice'],
    members: ['alice'],
  }),
  group('prod.AdminRole', { membersToRemove: [{ userName: 'alice', origin: 'git' }], membersToAdd: ['bob'] }),
  group('old.AdminRole', { action: 'delete', membersToRemove: [{ userName: 'alice', origin: 'git' }] }),
  group('prod.ReadOnlyRole', {
    extraPolicies: ['by-hand'],
    membersToRemove: [{ userName: 'alice', origin: 'drift' }],
  }),
];

test('every removal, stray policy and deletion comes before any group is created or member added', async () => {
  const outcomes = await applyGroups(new IAMClient({ region: 'us-east-1' }), moved, 8, () => undefined);
  const firstWidening = calls.findIndex((c) => /^(create|add|put) /.test(c));
  const narrowing = calls.filter((c) => /^(remove|delete|delete-policy) /.test(c));
  expect(narrowing).toHaveLength(5);
  expect(calls.slice(0, firstWidening).sort()).toEqual([...narrowing].sort());
  expect(calls.slice(firstWidening).sort()).toEqual([
    'add prod.AdminRole bob',
    'add team-sre alice',
    'create team-sre',
    'put team-sre',
  ]);
  // One outcome per group, its calls counted over every phase.
  expect(outcomes.map((o) => [o.group, o.ok, o.calls]).sort()).toEqual([
    ['old.AdminRole', true, 2],
    ['prod.AdminRole', true, 2],
    ['prod.ReadOnlyRole', true, 2],
    ['team-sre', true, 3],
  ]);
});

test('a failed removal is reported with its reason; the reviewed additions of the group still run', async () => {
  iam
    .on(RemoveUserFromGroupCommand)
    .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ServiceFailure' }));
  const outcomes = await applyGroups(
    new IAMClient({ region: 'us-east-1', maxAttempts: 1 }),
    [moved[1] as GroupPlan],
    1,
    () => undefined,
  );
  expect(calls).toEqual(['add prod.AdminRole bob']);
  expect(outcomes).toEqual([
    expect.objectContaining({
      group: 'prod.AdminRole',
      ok: false,
      calls: 2,
      reason: '1 of 2 change(s) done, 1 failed: remove alice failed: ServiceFailure: Rate exceeded',
    }),
  ]);
});
