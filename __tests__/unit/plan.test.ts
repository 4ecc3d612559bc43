// The planner: desired + observed -> what merging would change.
import { loadRepository } from '../../src/core/load-repository.ts';
import type { ObservedAccount, ObservedGroup, ObservedMaster } from '../../src/core/observed.ts';
import { plan } from '../../src/core/plan/plan.ts';
import type { PlanInput } from '../../src/core/plan/plan.ts';
import { assumeRolePolicy } from '../../src/core/desired-state.ts';
import { memoryReader, validFiles, TEST_NOW } from './memory-reader.ts';

const repository = (() => {
  const { repository } = loadRepository(memoryReader(validFiles()), 'rolemodel.yml', {}, TEST_NOW);
  if (!repository) throw new Error('fixture invalid');
  return repository;
})();

const adminArn = (account: string): string => `arn:aws:iam::${account}:role/RoleModel-AdminRole-ABC123`;

const deployed = (name: string, id: string): ObservedAccount => ({
  accountName: name,
  accountId: id,
  stackStatus: 'UPDATE_COMPLETE',
  roles: [
    { logicalId: 'AdminRole', physicalName: 'RoleModel-AdminRole-ABC123', arn: adminArn(id) },
    { logicalId: 'ReadOnlyRole', physicalName: 'read-only', arn: `arn:aws:iam::${id}:role/read-only` },
  ],
  review: { kind: 'no-change' },
});

const group = (name: string, members: string[], arn: string): ObservedGroup => ({
  name,
  path: '/RoleModel/',
  arn: `arn:aws:iam::123456789012:group/RoleModel/${name}`,
  members,
  policies: [{ name: `${name}-Policy`, document: assumeRolePolicy(arn) }],
});

const convergedMaster = (): ObservedMaster => ({
  accountId: '123456789012',
  users: new Set(['alice', 'bob', 'carol']),
  groups: [
    group('prod.AdminRole', ['alice'], adminArn('210987654321')),
    group('prod.ReadOnlyRole', ['alice', 'bob'], 'arn:aws:iam::210987654321:role/read-only'),
    group('cdn.AdminRole', [], adminArn('310987654321')),
    group('cdn.ReadOnlyRole', ['bob'], 'arn:aws:iam::310987654321:role/read-only'),
  ],
  unmanagedGroupNames: new Set(['Admins']),
});

const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  desired: repository.desired,
  stackName: 'RoleModel',
  configFile: 'rolemodel.yml',
  accounts: [deployed('prod', '210987654321'), deployed('cdn', '310987654321')],
  master: convergedMaster(),
  ...overrides,
});

describe('plan', () => {
  test('nothing to do when AWS matches the files', () => {
    const result = plan(input());
    expect(result.hasChanges).toBe(false);
    expect(result.groups.every((g) => g.action === 'no-change')).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  test('an empty organisation: every stack and group is created, ARNs known after apply unless literal', () => {
    const empty = (name: string, id: string): ObservedAccount => ({
      accountName: name,
      accountId: id,
      stackStatus: undefined,
      roles: [],
      review: { kind: 'create', changes: [] },
    });
    const result = plan(
      input({
        accounts: [empty('prod', '210987654321'), empty('cdn', '310987654321')],
        master: {
          accountId: '123456789012',
          users: new Set(['alice', 'bob']),
          groups: [],
          unmanagedGroupNames: new Set(),
        },
      }),
    );
    expect(result.summary).toMatchObject({
      stacksCreated: 2,
      groupsCreated: 4,
      membersAdded: 4,
      accountsChanging: 2,
    });
    const admin = result.groups.find((g) => g.name === 'prod.AdminRole');
    expect(admin?.roleArn).toBeUndefined();
    expect(admin?.policy?.afterApply).toBe(true);
    const readOnly = result.groups.find((g) => g.name === 'prod.ReadOnlyRole');
    expect(readOnly?.roleArn).toBe('arn:aws:iam::210987654321:role/read-only');
    expect(readOnly?.policy?.after).toEqual(assumeRolePolicy('arn:aws:iam::210987654321:role/read-only'));
  });

  test('policies are compared by meaning: a string Action equals a one-item list', () => {
    const master = convergedMaster();
    const first = master.groups[0] as ObservedGroup;
    const relaxed: ObservedGroup = {
      ...first,
      policies: [
        {
          name: 'prod.AdminRole-Policy',
          document: {
            Statement: { Resource: adminArn('210987654321'), Action: 'sts:AssumeRole', Effect: 'Allow' },
            Version: '2012-10-17',
          },
        },
      ],
    };
    expect(
      plan(input({ master: { ...master, groups: [relaxed, ...master.groups.slice(1)] } })).hasChanges,
    ).toBe(false);
  });

  test('a policy pointing at another role is updated; extra inline policies are removed', () => {
    const master = convergedMaster();
    const first = master.groups[0] as ObservedGroup;
    const wrong: ObservedGroup = {
      ...first,
      policies: [
        { name: 'prod.AdminRole-Policy', document: assumeRolePolicy('arn:aws:iam::210987654321:role/old') },
        { name: 'handmade', document: { Statement: [] } },
      ],
    };
    const result = plan(input({ master: { ...master, groups: [wrong, ...master.groups.slice(1)] } }));
    const g = result.groups.find((x) => x.name === 'prod.AdminRole');
    expect(g?.action).toBe('update');
    expect(g?.policy?.after).toEqual(assumeRolePolicy(adminArn('210987654321')));
    expect(g?.extraPolicies).toEqual(['handmade']);
    expect(result.summary.policiesChanged).toBe(1);
  });

  test('members added by hand are removals marked as drift; removals in git are not', () => {
    const master = convergedMaster();
    const groups = master.groups.map((g) =>
      g.name === 'prod.AdminRole' ? { ...g, members: ['alice', 'carol', 'bob'] } : g,
    );
    const baseMembers = new Map([['prod.AdminRole', new Set(['alice', 'bob'])]]);
    const result = plan(input({ master: { ...master, groups }, baseMembers }));
    const g = result.groups.find((x) => x.name === 'prod.AdminRole');
    expect(g?.membersToRemove).toEqual([
      { userName: 'bob', origin: 'git' },
      { userName: 'carol', origin: 'drift' },
    ]);
    expect(result.summary).toMatchObject({ membersRemoved: 2, driftRemovals: 1 });
    // Without the base user map, the origin is unknown rather than guessed.
    const unknown = plan(input({ master: { ...master, groups } })).groups.find(
      (x) => x.name === 'prod.AdminRole',
    );
    expect(unknown?.membersToRemove.map((r) => r.origin)).toEqual(['unknown', 'unknown']);
  });

  test('a user missing from IAM is an error on that line of the user map, with a suggestion', () => {
    const master = { ...convergedMaster(), users: new Set(['alicia', 'bob']) };
    const result = plan(input({ master }));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        file: 'users.yml',
        line: 2,
        severity: 'error',
        message: expect.stringMatching(/"alice" does not exist.*Did you mean `alicia`/),
      }),
      expect.objectContaining({ file: 'users.yml', line: 4 }),
    ]);
    expect(result.groups.find((g) => g.name === 'prod.AdminRole')?.membersToAdd).toEqual([]);
  });

  test('groups of removed roles or accounts are deleted with their members; other paths are never listed', () => {
    const master = convergedMaster();
    const stale = group('old.AdminRole', ['bob'], adminArn('999999999999'));
    const result = plan(input({ master: { ...master, groups: [...master.groups, stale] } }));
    const g = result.groups.find((x) => x.name === 'old.AdminRole');
    expect(g).toMatchObject({
      action: 'delete',
      accountName: 'old',
      roleLogicalId: 'AdminRole',
      extraPolicies: ['old.AdminRole-Policy'],
    });
    expect(g?.membersToRemove).toEqual([{ userName: 'bob', origin: 'git' }]);
    expect(result.groups.some((x) => x.name === 'Admins')).toBe(false);
  });

  test('a replaced role makes its ARN unknown until apply and is counted', () => {
    const prod: ObservedAccount = {
      ...deployed('prod', '210987654321'),
      review: {
        kind: 'update',
        changes: [
          {
            action: 'Modify',
            logicalId: 'AdminRole',
            physicalId: 'RoleModel-AdminRole-ABC123',
            resourceType: 'AWS::IAM::Role',
            replacement: 'True',
            scope: ['Properties'],
            properties: ['Path'],
          },
        ],
      },
    };
    const result = plan(input({ accounts: [prod, deployed('cdn', '310987654321')] }));
    expect(result.stacks[0]?.replacedRoles).toEqual(['AdminRole']);
    expect(result.summary.rolesReplaced).toBe(1);
    expect(result.groups.find((g) => g.name === 'prod.AdminRole')?.policy?.afterApply).toBe(true);
  });

  test('a group name taken outside the managed path is an error', () => {
    const master = { ...convergedMaster(), unmanagedGroupNames: new Set(['prod.AdminRole']) };
    expect(plan(input({ master })).diagnostics[0]?.message).toMatch(
      /already has a group named "prod.AdminRole" outside \/RoleModel\//,
    );
  });

  test('a managed group whose name differs only in case is an error, neither adopted nor deleted', () => {
    const master = convergedMaster();
    const variant = { ...group('Prod.AdminRole', ['alice', 'mallory'], adminArn('210987654321')) };
    const result = plan(
      input({
        master: { ...master, groups: master.groups.map((g) => (g.name === 'prod.AdminRole' ? variant : g)) },
      }),
    );
    expect(result.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      [
        'users.yml',
        2,
        'The master account has a group "Prod.AdminRole" under /RoleModel/, which IAM takes for "prod.AdminRole" (names ignore letter case): RoleModel neither adopts it nor creates "prod.AdminRole".',
      ],
    ]);
    // Not adopted: the desired group is not the variant (no removal of mallory from it) ...
    expect(result.groups.find((g) => g.name === 'prod.AdminRole')?.action).toBe('create');
    // ... and not stale: nothing deletes it.
    expect(result.groups.find((g) => g.name === 'Prod.AdminRole')).toBeUndefined();
    expect(result.summary.errors).toBe(1);
  });
});
