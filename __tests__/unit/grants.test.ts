// Time-boxed grants in the core: reading `until`, what a grant that ended means for the desired
// state and the plan, the rules for grants a change adds, and ends in the access review.
import { reviewAccess } from '../../src/core/access/review.ts';
import { accessChangesOutput } from '../../src/core/access/output.ts';
import { loadRepository } from '../../src/core/load-repository.ts';
import type { Repository } from '../../src/core/load-repository.ts';
import type { ObservedAccount, ObservedMaster } from '../../src/core/observed.ts';
import { narrowingPlan } from '../../src/core/plan/narrowing.ts';
import { plan } from '../../src/core/plan/plan.ts';
import type { GroupPlan } from '../../src/core/plan/types.ts';
import { expiringGrants } from '../../src/core/users/expiring.ts';
import { assumeRolePolicy } from '../../src/core/desired-state.ts';
import { renderPlan } from '../../src/core/render/plan.ts';
import { grantEndsOf, membershipsOf } from '../../src/core/users/base-members.ts';
import { describeEnd, distance, parseGrantEnd } from '../../src/core/users/grant-end.ts';
import { reviewGrantEnds } from '../../src/core/users/grant-review.ts';
import { grantListsOf } from '../../src/core/users/grant-lists.ts';
import { ADMIN, READ, analyzed } from './access-fixtures.ts';
import { memoryReader, TEST_NOW, VALID_CONFIG, validFiles } from './memory-reader.ts';

/** Markdown as a reader sees it: the renderer's backslash escapes undone. */
const plain = (markdown: string): string => markdown.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

const load = (users: string, config = VALID_CONFIG, now = TEST_NOW): Repository => {
  const { repository, diagnostics } = loadRepository(
    memoryReader({ ...validFiles(), 'users.yml': users, 'rolemodel.yml': config }),
    'rolemodel.yml',
    {},
    now,
  );
  if (!repository) throw new Error(diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
  return repository;
};

describe('until', () => {
  test('a date lasts through that day, UTC; a time with a zone ends at that instant', () => {
    expect(parseGrantEnd('2026-12-31')).toEqual({
      ok: true,
      end: { written: '2026-12-31', endsAt: '2027-01-01T00:00:00.000Z' },
    });
    expect(parseGrantEnd('2026-12-03T18:00:00+02:00')).toEqual({
      ok: true,
      end: { written: '2026-12-03T18:00:00+02:00', endsAt: '2026-12-03T16:00:00.000Z' },
    });
    expect(parseGrantEnd('2026-12-03t18:00:00.5z')).toMatchObject({
      ok: true,
      end: { endsAt: '2026-12-03T18:00:00.500Z' },
    });
  });

  test('days that are not in the calendar, and times without a zone, are refused', () => {
    expect(parseGrantEnd('2025-02-29')).toEqual({
      ok: false,
      problem: '"2025-02-29" is not a day of the calendar',
    });
    expect(parseGrantEnd('2028-02-29').ok).toBe(true);
    expect(parseGrantEnd('2026-12-03T18:00:00')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no time zone/),
    });
    expect(parseGrantEnd('2026-12-03T24:00:00Z').ok).toBe(false);
    expect(parseGrantEnd('31.12.2026').ok).toBe(false);
  });

  test('how far an end is, in days, hours or minutes', () => {
    const end = { written: '2026-02-15', endsAt: '2026-02-16T00:00:00.000Z' };
    expect(describeEnd(end, TEST_NOW)).toBe('until 2026-02-15, in 31 days');
    expect(distance(end, new Date('2026-02-15T19:30:00Z'))).toBe('in 4 hours');
    expect(distance(end, new Date('2026-02-15T23:59:30Z'))).toBe('in 1 minute');
    expect(distance(end, new Date('2026-02-18T01:00:00Z'))).toBe('ended 2 days ago');
  });
});

describe('the user map with grants that end', () => {
  const users = [
    'prod:',
    '  AdminRole:',
    '    - alice',
    '    - { user: dave, until: 2026-02-15, reason: "INC-4711 database failover" }',
    '    - user: erin',
    '      until: "2026-01-15T11:00:00Z"',
    '  ReadOnlyRole: [bob]',
    '',
  ].join('\n');

  test('both forms are read with their positions; an ended grant stays in the map, out of the desired state', () => {
    const repository = load(users);
    const admins = repository.users.get('prod')?.get('AdminRole') ?? [];
    expect(admins.map((e) => [e.userName, e.position.line, e.until?.written, e.reason])).toEqual([
      ['alice', 3, undefined, undefined],
      ['dave', 4, '2026-02-15', 'INC-4711 database failover'],
      ['erin', 5, '2026-01-15T11:00:00Z', undefined],
    ]);
    const group = repository.desired.groups.find((g) => g.name === 'prod.AdminRole');
    expect(group?.members.map((m) => m.userName)).toEqual(['alice', 'dave']);
    expect(group?.expired.map((m) => m.userName)).toEqual(['erin']);
    expect(repository.desired.at).toBe(TEST_NOW.toISOString());
  });

  test('an hour later, the grant that ended an hour before is gone too; a second before its end, it holds', () => {
    const later = load(users, VALID_CONFIG, new Date('2026-02-16T01:00:00Z'));
    expect(
      later.desired.groups.find((g) => g.name === 'prod.AdminRole')?.members.map((m) => m.userName),
    ).toEqual(['alice']);
    const before = load(users, VALID_CONFIG, new Date('2026-02-15T23:59:59Z'));
    expect(
      before.desired.groups.find((g) => g.name === 'prod.AdminRole')?.members.map((m) => m.userName),
    ).toEqual(['alice', 'dave']);
  });

  test('require_reason: a time-boxed grant without a reason is an error at its line; permanent ones need none', () => {
    const { diagnostics } = loadRepository(
      memoryReader({
        ...validFiles(),
        'rolemodel.yml': `${VALID_CONFIG}require_reason: true\n`,
        'users.yml': users,
      }),
      'rolemodel.yml',
      {},
      TEST_NOW,
    );
    expect(diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      [
        'error',
        5,
        'The grant of erin in prod.AdminRole ends (until 2026-01-15T11:00:00Z) but says no reason, and rolemodel.yml requires one (`require_reason: true`).',
      ],
    ]);
  });
});

describe('the grants a change adds', () => {
  const policy = { maxGrantDays: 30, requireReason: false };
  const base = load('prod:\n  AdminRole: [alice, { user: frank, until: 2025-12-01 }]\n');
  const head = load(
    [
      'prod:',
      '  AdminRole:',
      '    - alice',
      '    - { user: frank, until: 2025-12-01 }',
      '    - { user: dave, until: 2026-01-10 }',
      '    - { user: erin, until: 2026-06-30 }',
      '    - { user: gus, until: 2026-02-13 }',
      '',
    ].join('\n'),
  );
  const review = (baseUsers: Repository['users'] | undefined) =>
    reviewGrantEnds({
      lists: grantListsOf(head.users),
      base: baseUsers === undefined ? undefined : grantListsOf(baseUsers),
      now: TEST_NOW,
      policy,
      configFile: 'rolemodel.yml',
    }).map((d) => [d.severity, d.line, d.message, d.hint]);

  test('a new grant that has already ended, or ends past max_grant_days, is an error at its line', () => {
    expect(review(base.users)).toEqual([
      [
        'error',
        5,
        'The grant of dave in prod.AdminRole has already ended (until 2026-01-10, ended 4 days ago): this change adds a grant that gives nothing.',
        'Write a later `until`, or remove the entry.',
      ],
      [
        'error',
        6,
        'The grant of erin in prod.AdminRole ends in 166 days (until 2026-06-30); rolemodel.yml allows a new grant at most 30 days (`max_grant_days: 30`).',
        'End it on 2026-02-13 or earlier: `until: 2026-02-13`.',
      ],
    ]);
  });

  test('a first pull request adds every grant; an unreadable base only warns about ended ones', () => {
    expect(review(new Map()).map((d) => d[1])).toEqual([4, 5, 6]);
    expect(review(undefined).map((d) => [d[0], d[1]])).toEqual([
      ['warning', 4],
      ['warning', 5],
      ['error', 6],
    ]);
  });
});

describe('ended grants in the plan', () => {
  const adminArn = 'arn:aws:iam::210987654321:role/RoleModel-AdminRole-ABC123';
  const readArn = (id: string) => `arn:aws:iam::${id}:role/read-only`;
  const account = (name: string, id: string): ObservedAccount => ({
    accountName: name,
    accountId: id,
    stackStatus: 'UPDATE_COMPLETE',
    roles: [
      { logicalId: 'AdminRole', physicalName: 'RoleModel-AdminRole-ABC123', arn: adminArn },
      { logicalId: 'ReadOnlyRole', physicalName: 'read-only', arn: readArn(id) },
    ],
    review: { kind: 'no-change' },
  });
  const master = (admins: string[]): ObservedMaster => ({
    accountId: '123456789012',
    users: new Set(['alice', 'bob', 'dave', 'erin', 'zed']),
    groups: [
      {
        name: 'prod.AdminRole',
        path: '/RoleModel/',
        arn: 'arn:aws:iam::123456789012:group/RoleModel/prod.AdminRole',
        members: admins,
        policies: [{ name: 'prod.AdminRole-Policy', document: assumeRolePolicy(adminArn) }],
      },
    ],
    unmanagedGroupNames: new Set(),
  });
  const planOf = (repository: Repository, admins: string[], base?: Repository) =>
    plan({
      desired: repository.desired,
      stackName: 'RoleModel',
      configFile: 'rolemodel.yml',
      accounts: [account('prod', '210987654321'), account('cdn', '310987654321')],
      master: master(admins),
      ...(base ? { baseMembers: membershipsOf(base.users), baseEnds: grantEndsOf(base.users) } : {}),
      privileges: { current: analyzed({ AdminRole: ADMIN, ReadOnlyRole: READ }), base: undefined },
    });

  test('a member whose grant ended is removed as "grant ended", and the entry is listed as expired', () => {
    const repository = load(
      'prod:\n  AdminRole: [alice, { user: erin, until: 2026-01-14, reason: on call }]\n',
    );
    const result = planOf(repository, ['alice', 'erin', 'zed']);
    const group = result.groups.find((g) => g.name === 'prod.AdminRole');
    expect(group?.membersToRemove).toEqual([
      { userName: 'erin', origin: 'expired' },
      { userName: 'zed', origin: 'unknown' },
    ]);
    expect(group?.expired).toEqual([
      expect.objectContaining({
        userName: 'erin',
        reason: 'on call',
        position: expect.objectContaining({ line: 2 }),
      }),
    ]);
    expect(result.summary).toMatchObject({ membersRemoved: 2, expiredRemovals: 1 });
    expect(result.at).toBe(TEST_NOW.toISOString());
    const markdown = plain(renderPlan(result, { target: 'job-summary' }));
    expect(markdown).toContain('2 members removed (1 grant ended)');
    expect(markdown).toContain('### Grants that have ended');
    expect(markdown).toMatch(
      /\| `erin` \| `prod\.AdminRole` \| until 2026-01-14, ended 12 hours ago \| on call \| `users\.yml:2` \|/,
    );
  });

  test('a time-boxed admin grant is still an escalation, with its end; access-changes carries it', () => {
    const repository = load(
      'prod:\n  AdminRole: [alice, { user: dave, until: 2026-02-15, reason: INC-4711 }]\n',
    );
    const result = planOf(repository, ['alice']);
    const warning = result.access?.warnings[0];
    expect(warning).toMatchObject({
      kind: 'grant-admin',
      user: 'dave',
      until: '2026-02-15',
      endsAt: '2026-02-16T00:00:00.000Z',
      message: expect.stringMatching(
        /^dave gains prod\.AdminRole until 2026-02-15 \(INC-4711\), which grants admin/,
      ),
    });
    const output = accessChangesOutput(
      result.access ?? reviewAccess([], { current: new Map(), base: undefined }),
    );
    expect(output.users).toEqual([
      {
        user: 'dave',
        gains: [
          {
            account: 'prod',
            role: 'AdminRole',
            level: 'admin',
            until: '2026-02-15',
            endsAt: '2026-02-16T00:00:00.000Z',
            reason: 'INC-4711',
          },
        ],
        losses: [],
      },
    ]);
    const markdown = plain(renderPlan(result, { target: 'job-summary' }));
    expect(markdown).toContain(
      '🔴 **dave** (until 2026-02-15, in 31 days; INC-4711) gains **admin** in `prod`',
    );
    expect(markdown).toContain(
      '| `dave` | `prod.AdminRole` (admin) until 2026-02-15, in 31 days (INC-4711) |  |',
    );
  });

  test('extending an admin grant is a widening the plan shows and warns about, though AWS does not change', () => {
    const base = load('prod:\n  AdminRole: [alice, { user: dave, until: 2026-02-15 }]\n');
    const head = load('prod:\n  AdminRole: [alice, { user: dave, until: 2026-03-15 }]\n');
    const result = planOf(head, ['alice', 'dave'], base);
    expect(result.groups.find((g) => g.name === 'prod.AdminRole')?.action).toBe('no-change');
    expect(result.summary.endsChanged).toBe(1);
    expect(result.access?.users).toEqual([
      {
        user: 'dave',
        gains: [],
        losses: [],
        extended: [
          expect.objectContaining({
            role: 'AdminRole',
            until: '2026-03-15',
            was: { until: '2026-02-15', endsAt: '2026-02-16T00:00:00.000Z' },
          }),
        ],
      },
    ]);
    expect(result.access?.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^dave keeps prod\.AdminRole longer, until 2026-03-15 \(was until 2026-02-15\), which grants admin/,
      ),
    ]);
    const markdown = plain(renderPlan(result, { target: 'job-summary' }));
    expect(markdown).toContain('1 grant end changed');
    expect(markdown).toContain(
      '**dave** (until 2026-03-15, in 59 days; was until 2026-02-15) keeps **admin** in `prod`',
    );

    // Made to end sooner: a narrowing, shown among the losses, no warning.
    const sooner = planOf(base, ['alice', 'dave'], head);
    expect(sooner.access?.warnings).toEqual([]);
    expect(sooner.access?.users[0]?.shortened).toEqual([expect.objectContaining({ until: '2026-02-15' })]);
  });
});

describe('the narrowing plan of the scheduled run', () => {
  const group = (overrides: Partial<GroupPlan>): GroupPlan => ({
    name: 'prod.AdminRole',
    path: '/RoleModel/',
    accountName: 'prod',
    roleLogicalId: 'AdminRole',
    action: 'update',
    roleArn: undefined,
    policyName: 'prod.AdminRole-Policy',
    policy: { before: undefined, after: assumeRolePolicy('arn:aws:iam::1:role/x'), afterApply: false },
    extraPolicies: ['HandWritten'],
    membersToAdd: ['carol'],
    membersToRemove: [
      { userName: 'erin', origin: 'expired' },
      { userName: 'zed', origin: 'drift' },
      { userName: 'bob', origin: 'git' },
    ],
    members: ['alice', 'carol'],
    ...overrides,
  });

  test('keeps only removals of ended grants (and drift when asked): nothing added, written or created', () => {
    expect(narrowingPlan([group({})], { repairDrift: false })).toEqual([
      expect.objectContaining({
        action: 'update',
        membersToAdd: [],
        membersToRemove: [{ userName: 'erin', origin: 'expired' }],
        policy: undefined,
        extraPolicies: [],
        members: ['alice', 'bob', 'zed'],
      }),
    ]);
    expect(
      narrowingPlan([group({})], { repairDrift: true })[0]?.membersToRemove.map((r) => r.userName),
    ).toEqual(['erin', 'zed']);
    expect(
      narrowingPlan([group({ action: 'create' }), group({ action: 'delete', name: 'old.Role' })], {
        repairDrift: true,
      }),
    ).toEqual([]);
  });

  test('the grants that end within the window, soonest first, with the days left', () => {
    const repository = load(
      'prod:\n  AdminRole: [alice, { user: dave, until: 2026-01-20 }, { user: erin, until: "2026-01-15T18:00:00Z", reason: x }, { user: bob, until: 2026-03-01 }]\n',
    );
    expect(expiringGrants(repository.desired, 7).map((g) => [g.user, g.daysLeft, g.reason])).toEqual([
      ['erin', 0, 'x'],
      ['dave', 5, undefined],
    ]);
    expect(expiringGrants(repository.desired, 0)).toEqual([]);
  });
});
