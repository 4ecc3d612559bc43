// IAM's limits in the plan: counted as the state once applied, against the quotas read from the
// accounts, each error on the line that causes it; a quota that could not be read is said.
import { loadRepository } from '../../src/core/load-repository.ts';
import type { Repository } from '../../src/core/load-repository.ts';
import type {
  MasterQuotas,
  ObservedAccount,
  ObservedGroup,
  ObservedMaster,
} from '../../src/core/observed.ts';
import { plan } from '../../src/core/plan/plan.ts';
import type { PlanInput } from '../../src/core/plan/plan.ts';
import { memoryReader, validFiles, VALID_CONFIG, VALID_TEMPLATE, TEST_NOW } from './memory-reader.ts';

const PROD = '210987654321';
const CDN = '310987654321';
const DEFAULTS: MasterQuotas = { groupsPerUser: 10, groups: 300, groupPolicySize: 5120 };

const repositoryOf = (files: Record<string, string>): Repository => {
  const { repository, diagnostics } = loadRepository(
    memoryReader({ ...validFiles(), ...files }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  if (repository === undefined) throw new Error(JSON.stringify(diagnostics));
  return repository;
};

const deployed = (name: string, id: string, trustQuota = 2048): ObservedAccount => ({
  accountName: name,
  accountId: id,
  stackStatus: 'UPDATE_COMPLETE',
  roles: [
    {
      logicalId: 'AdminRole',
      physicalName: 'RoleModel-AdminRole-ABC123',
      arn: `arn:aws:iam::${id}:role/RoleModel-AdminRole-ABC123`,
    },
    { logicalId: 'ReadOnlyRole', physicalName: 'read-only', arn: `arn:aws:iam::${id}:role/read-only` },
  ],
  review: { kind: 'no-change' },
  trustPolicyQuota: { read: true, value: trustQuota },
});

const outside = (name: string, members: string[]): ObservedGroup => ({
  name,
  path: '/',
  arn: `arn:aws:iam::123456789012:group/${name}`,
  members,
  policies: [],
});

const masterWith = (quotas: MasterQuotas, extra: Partial<ObservedMaster> = {}): ObservedMaster => ({
  accountId: '123456789012',
  users: new Set(['alice', 'bob', 'carol']),
  groups: [],
  unmanagedGroupNames: new Set(),
  unmanagedGroupsOfUser: new Map(),
  quotas: { read: true, value: quotas },
  ...extra,
});

const planOf = (repository: Repository, overrides: Partial<PlanInput> = {}) =>
  plan({
    desired: repository.desired,
    stackName: 'RoleModel',
    configFile: 'rolemodel.yml',
    accounts: [deployed('prod', PROD), deployed('cdn', CDN)],
    master: masterWith(DEFAULTS),
    ...overrides,
  });

const errors = (result: ReturnType<typeof plan>) =>
  result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);

describe('groups per user', () => {
  test("RoleModel's groups and the groups outside the path count; the error is on each of the user's lines", () => {
    // alice: 2 pair groups (users.yml) and 9 groups outside /RoleModel/ = 11 > 10.
    const others = Array.from({ length: 9 }, (_, i) => `Other${i}`);
    const result = planOf(repositoryOf({}), {
      master: masterWith(DEFAULTS, {
        unmanagedGroupNames: new Set(others),
        unmanagedGroupsOfUser: new Map([['alice', others]]),
      }),
    });
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^users\.yml:2:15 alice would be in 11 IAM groups once this plan is applied \(2 under the RoleModel path, and 9 outside it: Other0, Other1, Other2, Other3, Other4 and 4 more\); IAM allows 10 groups per user \(GroupsPerUserQuota\)/,
      ),
      expect.stringMatching(/^users\.yml:4:7 alice would be in 11 IAM groups/),
    ]);
    expect(result.diagnostics[0]?.hint).toMatch(
      /Take alice out of 1 of them, or grant alice's roles through a team/,
    );
  });

  test('a team counts as one group, however much it grants', () => {
    const others = Array.from({ length: 9 }, (_, i) => `Other${i}`);
    const config = VALID_CONFIG.replace('users: users.yml', 'users: users.yml\nteams: teams.yml');
    const repository = repositoryOf({
      'rolemodel.yml': config,
      'users.yml': '{}\n',
      'teams.yml': "sre:\n  members: [alice]\n  grants:\n    '*': [AdminRole, ReadOnlyRole]\n",
    });
    const master = masterWith(DEFAULTS, {
      unmanagedGroupNames: new Set(others),
      unmanagedGroupsOfUser: new Map([['alice', others]]),
    });
    expect(errors(planOf(repository, { master }))).toEqual([]);
  });

  test('the quota read from the account is the one used', () => {
    expect(
      errors(planOf(repositoryOf({}), { master: masterWith({ ...DEFAULTS, groupsPerUser: 1 }) })).map((e) =>
        e.replace(/ once this plan .*$/, ''),
      ),
    ).toEqual([
      'users.yml:2:15 alice would be in 2 IAM groups',
      'users.yml:4:7 alice would be in 2 IAM groups',
      'users.yml:5:7 bob would be in 2 IAM groups',
      'users.yml:7:18 bob would be in 2 IAM groups',
    ]);
    expect(
      planOf(repositoryOf({}), { master: masterWith({ ...DEFAULTS, groupsPerUser: 1 }) }).diagnostics[0]
        ?.message,
    ).toContain('IAM allows 1 group per user (GroupsPerUserQuota)');
  });
});

describe('groups in the account', () => {
  test('over GroupsQuota: an error on each account line that adds groups; deleted groups are freed first', () => {
    const stale = ['old.AdminRole', 'old.ReadOnlyRole'].map((name) => ({
      ...outside(name, []),
      path: '/RoleModel/',
    }));
    // 2 stale groups deleted, 4 created, 3 others: 2 + 3 - 2 + 4 = 7.
    const master = (groups: number) =>
      masterWith({ ...DEFAULTS, groups }, { groups: stale, unmanagedGroupNames: new Set(['A', 'B', 'C']) });
    expect(errors(planOf(repositoryOf({}), { master: master(7) }))).toEqual([]);
    expect(errors(planOf(repositoryOf({}), { master: master(6) }))).toEqual([
      expect.stringMatching(
        /^rolemodel\.yml:8:5 The master account would have 7 IAM groups once this plan is applied \(5 now, 4 created, 2 deleted\); its quota \(GroupsQuota\) is 6, .* This line adds 2: prod\.AdminRole, prod\.ReadOnlyRole\./,
      ),
      expect.stringMatching(/^rolemodel\.yml:10:5 .* This line adds 2: cdn\.AdminRole, cdn\.ReadOnlyRole\./),
    ]);
  });
});

describe("a group's inline policy", () => {
  const config = VALID_CONFIG.replace('users: users.yml', 'users: users.yml\nteams: teams.yml');
  const team = "sre:\n  members: [alice]\n  grants:\n    '*': [AdminRole, ReadOnlyRole]\n";

  test('over GroupPolicySizeQuota: an error at the team with its size; known ARNs measured exactly', () => {
    const repository = repositoryOf({ 'rolemodel.yml': config, 'teams.yml': team });
    const result = planOf(repository, { master: masterWith({ ...DEFAULTS, groupPolicySize: 200 }) });
    const policy = result.groups.find((g) => g.name === 'team-sre')?.policy?.after;
    const size = JSON.stringify(policy).length;
    expect(errors(result)).toEqual([
      `teams.yml:1:1 The inline policy of group team-sre would be ${size} characters (whitespace not counted); the master account allows 200 per group (GroupPolicySizeQuota), so apply would fail with LimitExceeded.`,
    ]);
    expect(
      errors(planOf(repository, { master: masterWith({ ...DEFAULTS, groupPolicySize: size }) })),
    ).toEqual([]);
  });

  test('before the stacks exist: measured with the longest names CloudFormation may give, and said so', () => {
    const repository = repositoryOf({ 'rolemodel.yml': config, 'teams.yml': team });
    const fresh = (name: string, id: string): ObservedAccount => ({
      accountName: name,
      accountId: id,
      stackStatus: undefined,
      roles: [],
      review: { kind: 'create', changes: [] },
    });
    const result = planOf(repository, {
      accounts: [fresh('prod', PROD), fresh('cdn', CDN)],
      master: masterWith({ ...DEFAULTS, groupPolicySize: 200 }),
    });
    const group = result.groups.find((g) => g.name === 'team-sre');
    expect(group?.policy).toMatchObject({ after: undefined, afterApply: true });
    expect(group?.team?.estimatedPolicySize).toBeGreaterThan(200);
    expect(errors(result)).toEqual([
      expect.stringMatching(
        /^teams\.yml:1:1 The inline policy of group team-sre would be up to \d+ characters \(whitespace not counted; some roles' ARNs are known only once their stacks are deployed\)/,
      ),
    ]);
  });
});

describe('trust policies', () => {
  const padded = (n: number) =>
    VALID_TEMPLATE.replace(
      '          - Effect: Allow\n            Principal: { AWS: !Sub',
      `          - Sid: ${'P'.repeat(n)}\n            Effect: Allow\n            Principal: { AWS: !Sub`,
    );

  test("over an account's AssumeRolePolicySizeQuota: an error at the role's trust policy naming the accounts", () => {
    const repository = repositoryOf({ 'roles.yml': padded(2000) });
    const size =
      repository.desired.stacks[0]?.trustPolicies?.find((t) => t.role === 'AdminRole')?.characters ?? 0;
    expect(size).toBeGreaterThan(2048);
    // prod keeps the default; cdn asked AWS for more.
    const result = planOf(repository, { accounts: [deployed('prod', PROD), deployed('cdn', CDN, 4096)] });
    expect(errors(result)).toEqual([
      `roles.yml:9:7 The trust policy (AssumeRolePolicyDocument) of AdminRole is longer than the account's AssumeRolePolicySizeQuota (characters, whitespace not counted) in prod (${PROD}): ${size.toLocaleString('en-US')} where it allows 2,048; deploying it would fail with LimitExceeded.`,
    ]);
  });

  test('the size is the document as CloudFormation sends it: !Sub filled in with the account values', () => {
    const repository = repositoryOf({});
    const trust = repository.desired.stacks[0]?.trustPolicies?.find((t) => t.role === 'AdminRole');
    const expected = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' },
      ],
    }).length;
    expect(trust?.characters).toBe(expected);
  });
});

describe('quotas that could not be read', () => {
  test('are a warning saying which checks are left out, and what to allow', () => {
    const result = planOf(repositoryOf({}), {
      master: masterWith(DEFAULTS, { quotas: { read: false, reason: 'AccessDenied: not authorized' } }),
      accounts: [
        deployed('prod', PROD),
        { ...deployed('cdn', CDN), trustPolicyQuota: { read: false, reason: 'AccessDenied: no' } },
      ],
    });
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      [
        'warning',
        'The IAM quotas of the master account could not be read (AccessDenied: not authorized): groups per user, groups in the account and group policy sizes are not checked.',
      ],
      [
        'warning',
        'The IAM quotas of cdn (AccessDenied: no) could not be read: trust policy sizes are not checked there.',
      ],
    ]);
    expect(result.diagnostics[0]?.hint).toContain('iam:GetAccountSummary');
  });
});
