// The reviewed result a plan comment records: a faithful round trip, small enough for the
// comment at the scale of 1,000 people and 100 accounts, and classification against it.
import type { GroupPlan, Plan, StackPlan } from '../../src/core/plan/types.ts';
import { summarize } from '../../src/core/plan/plan.ts';
import { renderPlan } from '../../src/core/render/plan.ts';
import { classifyWidenings, unreviewedOf } from '../../src/core/review/classify.ts';
import {
  decodeFingerprint,
  encodeFingerprint,
  fingerprintInComment,
  fingerprintLine,
} from '../../src/core/review/encoding.ts';
import { fingerprintOf } from '../../src/core/review/fingerprint.ts';
import { ADMIN, READ, analyzed, groupPlan } from './access-fixtures.ts';

const current = analyzed({
  AdminRole: ADMIN,
  ReadRole: READ,
  AuditRole: READ,
  BillingRole: READ,
  DevRole: READ,
});
const ROLES = ['AdminRole', 'ReadRole', 'AuditRole', 'BillingRole', 'DevRole'];

/** 1,000 people in 100 accounts, each in the 3 groups the benchmark gives them. */
const organisation = (): GroupPlan[] => {
  const accounts = Array.from({ length: 100 }, (_, a) => `acct${String(a).padStart(3, '0')}`);
  const members = new Map<string, string[]>();
  for (let u = 0; u < 1000; u++) {
    for (let k = 0; k < 3; k++) {
      const group = `${accounts[(u * 7 + k * 31) % 100]}.${ROLES[(u + k) % 5]}`;
      members.set(group, [...(members.get(group) ?? []), `user${String(u).padStart(4, '0')}`]);
    }
  }
  return accounts.flatMap((a) =>
    ROLES.map((r) => groupPlan(`${a}.${r}`, { add: members.get(`${a}.${r}`) ?? [] })),
  );
};

const planOf = (groups: readonly GroupPlan[], stacks: readonly StackPlan[] = []): Plan => ({
  stackName: 'RoleModel',
  masterAccountId: '123456789012',
  stacks,
  groups,
  diagnostics: [],
  summary: summarize(stacks, groups, []),
  hasChanges: true,
});

test('the fingerprint survives its encoding, and a comment carries it', () => {
  const f = fingerprintOf({
    head: 'a'.repeat(40),
    base: 'b'.repeat(40),
    groups: organisation().slice(0, 20),
    privileges: { current, base: undefined },
    escalations: [],
  });
  const encoded = encodeFingerprint(f);
  // The ends are not carried: apply reads them again from the reviewed files.
  const carried = { ...f, ends: undefined };
  expect(decodeFingerprint(encoded)).toEqual(carried);
  expect(
    fingerprintInComment(`<!-- rolemodel-plan -->\n${fingerprintLine(encoded)}\n## RoleModel plan`),
  ).toEqual(carried);
  // Anyone's text is not a fingerprint: never an exception.
  expect(decodeFingerprint('v1.not-deflate')).toBeUndefined();
  expect(fingerprintInComment('<!-- rolemodel-fingerprint: v1.--> -->')).toBeUndefined();
});

test('1,000 people in 100 accounts fit in the plan comment with room to spare', () => {
  const groups = organisation();
  const f = fingerprintOf({
    head: 'a'.repeat(40),
    base: 'b'.repeat(40),
    groups,
    privileges: { current, base: undefined },
    escalations: [],
  });
  expect(Object.keys(f.access)).toHaveLength(1000);
  const encoded = encodeFingerprint(f);
  expect(encoded.length).toBeLessThan(20_000);
  const comment = renderPlan(planOf(groups), { fingerprint: encoded });
  expect(comment.length).toBeLessThanOrEqual(65_000);
  expect(fingerprintInComment(comment)).toEqual({ ...f, ends: undefined });
});

describe('classifying what an apply widens', () => {
  const reviewedWith = (groups: readonly GroupPlan[], roles = current) => ({
    pullRequest: 5,
    fingerprint: fingerprintOf({
      head: undefined,
      base: undefined,
      groups,
      privileges: { current: roles, base: undefined },
      escalations: [],
    }),
  });

  test('a gain the reviewed plan showed is reviewed; one it did not is not', () => {
    const groups = [groupPlan('prod.ReadRole', { add: ['dave', 'erin'] })];
    const widenings = classifyWidenings({
      plan: planOf(groups),
      current,
      before: current,
      reviewed: [reviewedWith([groupPlan('prod.ReadRole', { add: ['dave'] })])],
    });
    expect(widenings.map((w) => [w.user, w.kind, w.unreviewed === undefined])).toEqual([
      ['dave', 'grant', true],
      ['erin', 'grant', false],
    ]);
  });

  test('a pair reviewed at a lower level does not cover it at a higher one', () => {
    const powerful = analyzed({ AdminRole: ADMIN, ReadRole: ADMIN });
    const groups = [groupPlan('prod.ReadRole', { add: ['dave'] })];
    const widenings = classifyWidenings({
      plan: planOf(groups),
      current: powerful,
      before: current,
      reviewed: [reviewedWith(groups)],
    });
    expect(unreviewedOf(widenings).map((w) => [w.user, w.level])).toEqual([['dave', 'admin']]);
  });

  test('removals and unchanged members are narrowing or nothing: never listed', () => {
    const groups = [
      groupPlan('prod.AdminRole', { remove: [{ userName: 'mallory', origin: 'drift' }], members: ['alice'] }),
    ];
    expect(classifyWidenings({ plan: planOf(groups), current, before: current, reviewed: [] })).toEqual([]);
  });

  test('a role whose policies gain power is unreviewed unless a reviewed plan showed it as it is', () => {
    const stack: StackPlan = {
      accountName: 'prod',
      accountId: '210987654321',
      stackName: 'RoleModel',
      action: 'update',
      currentStatus: 'UPDATE_COMPLETE',
      changes: [],
      replacedRoles: [],
      reason: undefined,
    };
    const powerful = analyzed({ AdminRole: ADMIN, ReadRole: ADMIN });
    const groups = [groupPlan('prod.ReadRole', { members: ['bob'] })];
    const unseen = classifyWidenings({
      plan: planOf(groups, [stack]),
      current: powerful,
      before: current,
      reviewed: [reviewedWith(groups)],
    });
    expect(unreviewedOf(unseen).map((w) => [w.kind, w.role, w.user])).toEqual([
      ['level', 'ReadRole', 'bob'],
      ['role', 'ReadRole', undefined],
    ]);
    const seen = classifyWidenings({
      plan: planOf(groups, [stack]),
      current: powerful,
      before: current,
      reviewed: [reviewedWith(groups, powerful)],
    });
    expect(unreviewedOf(seen)).toEqual([]);
  });
});
