// Two additions to the plan and its rendering: managed policies attached to RoleModel groups
// outside git (drift, each with the level it grants, all detached), and which accounts were
// found unchanged by comparing the deployed template instead of a change set.
import { loadRepository } from '../../src/core/load-repository.ts';
import { assumeRolePolicy } from '../../src/core/desired-state.ts';
import type { ObservedAccount, ObservedGroup, ObservedMaster } from '../../src/core/observed.ts';
import { plan } from '../../src/core/plan/plan.ts';
import type { PlanInput } from '../../src/core/plan/plan.ts';
import { renderPlan } from '../../src/core/render/plan.ts';
import { TEST_NOW, memoryReader, validFiles } from './memory-reader.ts';

const repository = (() => {
  const { repository } = loadRepository(memoryReader(validFiles()), 'rolemodel.yml', {}, TEST_NOW);
  if (!repository) throw new Error('fixture invalid');
  return repository;
})();

const adminArn = (account: string): string => `arn:aws:iam::${account}:role/RoleModel-AdminRole-ABC123`;
const readOnlyArn = (account: string): string => `arn:aws:iam::${account}:role/read-only`;

const deployed = (name: string, id: string, comparedWithDeployed?: boolean): ObservedAccount => ({
  accountName: name,
  accountId: id,
  stackStatus: 'UPDATE_COMPLETE',
  roles: [
    { logicalId: 'AdminRole', physicalName: 'RoleModel-AdminRole-ABC123', arn: adminArn(id) },
    { logicalId: 'ReadOnlyRole', physicalName: 'read-only', arn: readOnlyArn(id) },
  ],
  review:
    comparedWithDeployed === undefined ? { kind: 'no-change' } : { kind: 'no-change', comparedWithDeployed },
});

const group = (
  name: string,
  members: string[],
  arn: string,
  extra: Partial<ObservedGroup> = {},
): ObservedGroup => ({
  name,
  path: '/RoleModel/',
  arn: `arn:aws:iam::123456789012:group/RoleModel/${name}`,
  members,
  policies: [{ name: `${name}-Policy`, document: assumeRolePolicy(arn) }],
  ...extra,
});

const master = (groups: ObservedGroup[]): ObservedMaster => ({
  accountId: '123456789012',
  users: new Set(['alice', 'bob', 'carol']),
  groups,
  unmanagedGroupNames: new Set(),
});

const converged = (): ObservedGroup[] => [
  group('prod.AdminRole', ['alice'], adminArn('210987654321')),
  group('prod.ReadOnlyRole', ['alice', 'bob'], readOnlyArn('210987654321')),
  group('cdn.AdminRole', [], adminArn('310987654321')),
  group('cdn.ReadOnlyRole', ['bob'], readOnlyArn('310987654321')),
];

const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  desired: repository.desired,
  stackName: 'RoleModel',
  configFile: 'rolemodel.yml',
  accounts: [deployed('prod', '210987654321'), deployed('cdn', '310987654321')],
  master: master(converged()),
  ...overrides,
});

const WRITE_ANYTHING = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
};

describe('managed policies attached outside git', () => {
  const drifted = (): ObservedGroup[] =>
    converged().map((g) =>
      g.name === 'cdn.ReadOnlyRole'
        ? {
            ...g,
            attachedPolicies: [
              { arn: 'arn:aws:iam::aws:policy/AdministratorAccess', name: 'AdministratorAccess' },
              { arn: 'arn:aws:iam::123456789012:policy/Uploads', name: 'Uploads', document: WRITE_ANYTHING },
              { arn: 'arn:aws:iam::123456789012:policy/Unread', name: 'Unread' },
            ],
          }
        : g,
    );

  test('are an update of the group, each with the level it grants, sorted by ARN', () => {
    const result = plan(input({ master: master(drifted()) }));
    const cdn = result.groups.find((g) => g.name === 'cdn.ReadOnlyRole');
    expect(cdn?.action).toBe('update');
    expect(cdn?.managedPolicies?.map((p) => [p.name, p.level])).toEqual([
      ['Unread', 'custom'],
      ['Uploads', 'write'],
      ['AdministratorAccess', 'admin'],
    ]);
    expect(result.hasChanges).toBe(true);
    expect(result.summary.policiesChanged).toBe(1);
    expect(result.groups.filter((g) => g.managedPolicies !== undefined).map((g) => g.name)).toEqual([
      'cdn.ReadOnlyRole',
    ]);
  });

  test('a stale group keeps its attached policies in the plan, to be detached before it is deleted', () => {
    const stale = group('old.AdminRole', ['carol'], adminArn('9'), {
      attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess' }],
    });
    const result = plan(input({ master: master([...converged(), stale]) }));
    const old = result.groups.find((g) => g.name === 'old.AdminRole');
    expect(old?.action).toBe('delete');
    expect(old?.managedPolicies?.map((p) => [p.name, p.level])).toEqual([['ReadOnlyAccess', 'read-only']]);
  });

  test('the master-account table shows each one with its level, escaped, and counts them', () => {
    // A policy name is AWS's text: escaped like any other.
    const groups = drifted().map((g) =>
      g.name === 'prod.AdminRole'
        ? { ...g, attachedPolicies: [{ arn: 'arn:aws:iam::123456789012:policy/x', name: '<img src=x>`|' }] }
        : g,
    );
    const markdown = renderPlan(plan(input({ master: master(groups) })), {});
    expect(markdown).toContain('🔴 detaches managed policy `AdministratorAccess` (**admin**: ');
    expect(markdown).toContain('detaches managed policy `Uploads` (**write**: ');
    expect(markdown).toContain(
      'detaches managed policy `Unread` (**custom**: its document could not be read)',
    );
    expect(markdown).toContain('4 managed policies attached outside git detached');
    expect(markdown).not.toContain('<img');
  });
});

describe('accounts compared without a change set', () => {
  test('all of them: said once under the unchanged accounts', () => {
    const markdown = renderPlan(
      plan(
        input({ accounts: [deployed('prod', '210987654321', true), deployed('cdn', '310987654321', true)] }),
      ),
      {},
    );
    expect(markdown).toContain('Stack unchanged in: `prod`, `cdn`.');
    expect(markdown).toContain(
      "Each was compared with its deployed template and parameters, which are exactly the files': no change set was needed.",
    );
  });

  test('some of them: named', () => {
    const result = plan(
      input({ accounts: [deployed('prod', '210987654321', true), deployed('cdn', '310987654321')] }),
    );
    expect(result.stacks.map((s) => [s.accountName, s.comparedWithDeployed])).toEqual([
      ['prod', true],
      ['cdn', false],
    ]);
    expect(renderPlan(result, {})).toContain(
      'Compared with the deployed template and parameters, without a change set: `prod`; the others were checked with a change set.',
    );
  });

  test('none: nothing said', () => {
    expect(renderPlan(plan(input()), {})).not.toContain('compared');
  });
});
