// The access review: levels of what people gain and lose, escalations with and without the
// base template, the roles' statement diffs, and the `access-changes` output.
import { accessChangesOutput } from '../../src/core/access/output.ts';
import { accessAfter, accessBefore } from '../../src/core/access/effective.ts';
import { reviewAccess } from '../../src/core/access/review.ts';
import type { GroupPlan } from '../../src/core/plan/types.ts';
import { ADMIN, PASS, READ, analyzed, groupPlan } from './access-fixtures.ts';

describe('reviewAccess', () => {
  const current = analyzed({ AdminRole: ADMIN, ReadRole: READ });

  test('gains and losses per user carry the level of the role, users and roles sorted', () => {
    const review = reviewAccess(
      [
        groupPlan('prod.AdminRole', { add: ['carol'], remove: [{ userName: 'bob', origin: 'drift' }] }),
        groupPlan('prod.ReadRole', { add: ['carol', 'bob'] }),
        groupPlan('cdn.ReadRole', { add: ['carol'] }),
      ],
      { current, base: current },
    );
    expect(review.users).toEqual([
      {
        user: 'bob',
        gains: [{ account: 'prod', role: 'ReadRole', level: 'read-only' }],
        losses: [{ account: 'prod', role: 'AdminRole', level: 'admin', origin: 'drift' }],
      },
      {
        user: 'carol',
        gains: [
          { account: 'cdn', role: 'ReadRole', level: 'read-only' },
          { account: 'prod', role: 'AdminRole', level: 'admin' },
          { account: 'prod', role: 'ReadRole', level: 'read-only' },
        ],
        losses: [],
      },
    ]);
  });

  test('a user added to an admin role is an escalation, naming the user, the account and the role', () => {
    const review = reviewAccess([groupPlan('prod.AdminRole', { add: ['carol'] })], {
      current,
      base: current,
    });
    expect(review.escalations).toBe(1);
    expect(review.warnings).toEqual([
      {
        kind: 'grant-admin',
        account: 'prod',
        role: 'AdminRole',
        user: 'carol',
        message:
          'carol gains prod.AdminRole, which grants admin: Allow * on * (inline policy AdminRolePolicy)',
      },
    ]);
    expect(review.roles.map((r) => [r.role, r.status, r.level])).toEqual([
      ['AdminRole', 'unchanged', 'admin'],
      ['ReadRole', 'unchanged', 'read-only'],
    ]);
  });

  test('a read-only membership escalates nothing', () => {
    const review = reviewAccess([groupPlan('prod.ReadRole', { add: ['dave'] })], { current, base: current });
    expect(review.escalations).toBe(0);
    expect(review.warnings).toEqual([]);
  });

  test('without the base template only grants to people and trust in anyone count', () => {
    const open = analyzed({ AdminRole: ADMIN, OpenRole: { ...READ, trust: 'anyone' } });
    const review = reviewAccess([groupPlan('prod.AdminRole', { add: ['carol'] })], {
      current: open,
      base: undefined,
    });
    expect(review.baseTemplate).toBe('unavailable');
    // Not "AdminRole now grants admin": every role would look new.
    expect(review.warnings.map((w) => [w.kind, w.role, w.user])).toEqual([
      ['grant-admin', 'AdminRole', 'carol'],
      ['trust-widened', 'OpenRole', undefined],
    ]);
    expect(review.roles.every((r) => r.status === 'unknown' && r.added.length === 0)).toBe(true);
  });

  test('a role that gains iam:PassRole: its statements added, its rise warned, with who holds it', () => {
    const review = reviewAccess(
      [
        groupPlan('prod.ReadRole', { members: ['alice', 'bob'] }),
        groupPlan('cdn.ReadRole', { members: ['bob'] }),
        groupPlan('staging.ReadRole', { members: [] }),
      ],
      { current: analyzed({ AdminRole: ADMIN, ReadRole: PASS }), base: current },
    );
    const read = review.roles.find((r) => r.role === 'ReadRole');
    expect(read).toMatchObject({ status: 'changed', before: 'read-only', level: 'iam-write' });
    expect(read?.added.map((s) => s.action)).toEqual([['iam:PassRole', 's3:Get*', 's3:List*']]);
    expect(read?.removed.map((s) => s.action)).toEqual([['s3:Get*', 's3:List*']]);
    expect(review.warnings).toEqual([
      expect.objectContaining({
        kind: 'grant-iam-write',
        role: 'ReadRole',
        holders: [
          { account: 'prod', users: ['alice', 'bob'] },
          { account: 'cdn', users: ['bob'] },
        ],
      }),
    ]);
  });

  test('a trust policy that loses its MFA condition is widened', () => {
    const review = reviewAccess([], {
      current: analyzed({ AdminRole: { ...ADMIN, trust: 'no-mfa' }, ReadRole: READ }),
      base: current,
    });
    const admin = review.roles.find((r) => r.role === 'AdminRole');
    expect(admin?.status).toBe('changed');
    expect(admin?.requiresMfa).toBe(false);
    expect(admin?.trustWidened[0]).toBe('MFA no longer required for ${AssumingAccountID}:root');
    expect(review.warnings.map((w) => w.kind)).toEqual(['trust-widened']);
  });

  test('roles added and removed in the template', () => {
    const review = reviewAccess([groupPlan('prod.ReadRole', { action: 'delete', members: ['bob'] })], {
      current: analyzed({ AdminRole: ADMIN, NewRole: READ }),
      base: current,
    });
    expect(review.roles.map((r) => [r.role, r.status, r.before, r.level])).toEqual([
      ['AdminRole', 'unchanged', 'admin', 'admin'],
      ['NewRole', 'added', undefined, 'read-only'],
      ['ReadRole', 'removed', 'read-only', undefined],
    ]);
    // A removed role's members lose it at the level it had.
    expect(review.users).toEqual([
      {
        user: 'bob',
        gains: [],
        losses: [{ account: 'prod', role: 'ReadRole', level: 'read-only', origin: 'git' }],
      },
    ]);
  });

  test('is plain JSON data', () => {
    const review = reviewAccess([groupPlan('prod.AdminRole', { add: ['carol'] })], {
      current,
      base: current,
    });
    expect(JSON.parse(JSON.stringify(review))).toMatchObject({ escalations: 1, baseTemplate: 'compared' });
  });
});

describe('accessChangesOutput', () => {
  const current = analyzed({ AdminRole: ADMIN, ReadRole: READ });

  test('per user gains and losses with levels, and the warnings without holders', () => {
    const review = reviewAccess([groupPlan('prod.AdminRole', { add: ['carol'] })], {
      current: analyzed({ AdminRole: { ...ADMIN, trust: 'anyone' }, ReadRole: READ }),
      base: current,
    });
    const output = accessChangesOutput(review);
    expect(output).toEqual({
      escalations: 2,
      baseTemplate: 'compared',
      users: [{ user: 'carol', gains: [{ account: 'prod', role: 'AdminRole', level: 'admin' }], losses: [] }],
      warnings: [
        expect.objectContaining({ kind: 'grant-admin', account: 'prod', role: 'AdminRole', user: 'carol' }),
        {
          kind: 'trust-widened',
          role: 'AdminRole',
          message: expect.stringContaining('anyone (Principal *) may assume the role') as string,
        },
      ],
    });
  });

  test('stays within its size, saying how many users and warnings were left out', () => {
    const many = Array.from({ length: 500 }, (_, i) => `user-${String(i).padStart(3, '0')}`);
    const review = reviewAccess([groupPlan('prod.AdminRole', { add: many })], { current, base: current });
    const output = accessChangesOutput(review, 20_000);
    expect(JSON.stringify(output).length).toBeLessThanOrEqual(20_000);
    expect(output.escalations).toBe(500);
    expect(output.omitted).toEqual({
      users: 500 - output.users.length,
      warnings: 500 - output.warnings.length,
    });
    expect(output.warnings.length).toBeGreaterThan(0);
  });
});

describe('effective access', () => {
  const current = analyzed({ AdminRole: ADMIN, ReadRole: READ });
  test('a pair still granted by another group is neither gained nor lost', () => {
    // Two groups grant the same pair (a team, say): moving between them changes no one's access.
    const groups: GroupPlan[] = [
      groupPlan('prod.AdminRole', { remove: [{ userName: 'alice', origin: 'git' }] }),
      { ...groupPlan('prod.AdminRole', { add: ['alice'] }), name: 'second.group' },
    ];
    expect(reviewAccess(groups, { current, base: current }).users).toEqual([]);
  });

  test('what people hold once the plan is applied, and before it', () => {
    const groups = [
      groupPlan('prod.AdminRole', { add: ['carol'], members: ['alice', 'carol'] }),
      groupPlan('prod.ReadRole', { remove: [{ userName: 'bob', origin: 'drift' }] }),
    ];
    expect([...accessAfter(groups)].map(([u, held]) => [u, [...held.keys()]])).toEqual([
      ['alice', ['prod.AdminRole']],
      ['carol', ['prod.AdminRole']],
    ]);
    expect([...accessBefore(groups)].map(([u, held]) => [u, [...held.keys()]])).toEqual([
      ['alice', ['prod.AdminRole']],
      ['bob', ['prod.ReadRole']],
    ]);
  });
});
