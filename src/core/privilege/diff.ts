// A role's policies before and after, statement by statement (in the spirit of `cdk diff`'s
// IAM table), and whether the change adds power: a new Allow that no old one already
// covered, or a Deny gone that no new one replaces.
import { describeStatement, statementKey } from './statements.ts';
import type { NormalizedStatement, RolePrivilege, StatementDiff } from './types.ts';
import { covers, isUniversalAction, overlaps } from './wildcard.ts';

/** Statements in `a` that are not in `b`, counted as a multiset. */
const minus = (
  a: readonly NormalizedStatement[],
  b: readonly NormalizedStatement[],
): NormalizedStatement[] => {
  const left = new Map<string, number>();
  for (const s of b) left.set(statementKey(s), (left.get(statementKey(s)) ?? 0) + 1);
  return a.filter((s) => {
    const key = statementKey(s);
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
};

/** Added and removed statements; order, Sids and how lists were written do not count. */
export const diffRolePolicies = (
  before: RolePrivilege | undefined,
  after: RolePrivilege | undefined,
): StatementDiff => {
  const old = before?.statements ?? [];
  const now = after?.statements ?? [];
  return { added: minus(now, old), removed: minus(old, now) };
};

const coversList = (
  outer: readonly string[] | undefined,
  outerNot: readonly string[] | undefined,
  inner: readonly string[] | undefined,
  innerNot: readonly string[] | undefined,
  ignoreCase: boolean,
): boolean => {
  if (outer === undefined && outerNot === undefined) return inner === undefined && innerNot === undefined;
  if (inner !== undefined && outer !== undefined)
    return inner.every((p) => outer.some((o) => covers(o, p, ignoreCase)));
  if (inner !== undefined && outerNot !== undefined)
    return inner.every((p) => !outerNot.some((n) => overlaps(n, p, ignoreCase)));
  if (innerNot !== undefined && outerNot !== undefined)
    return outerNot.every((n) => innerNot.some((i) => covers(i, n, ignoreCase)));
  return (outer ?? []).some((o) => (ignoreCase ? isUniversalAction(o) : /^\*+$/.test(o)));
};

/** Whether `outer` takes in everything `inner` does: same effect, fewer conditions, wider lists. */
export const statementCovers = (outer: NormalizedStatement, inner: NormalizedStatement): boolean => {
  if (outer.effect !== inner.effect) return false;
  if (outer.opaque !== undefined || inner.opaque !== undefined)
    return statementKey({ ...outer, sid: undefined }) === statementKey({ ...inner, sid: undefined });
  return (
    outer.conditions.every((c) => inner.conditions.includes(c)) &&
    coversList(outer.action, outer.notAction, inner.action, inner.notAction, true) &&
    coversList(outer.resource, outer.notResource, inner.resource, inner.notResource, false)
  );
};

/** Why the change gives the role more power; empty when it gives none. */
export const gainedPower = (before: RolePrivilege, after: RolePrivilege): string[] => {
  const { added, removed } = diffRolePolicies(before, after);
  const gained = added
    .filter((s) => s.effect === 'Allow')
    .filter((s) => !before.statements.some((b) => statementCovers(b, s)))
    .map((s) => `gains ${describeStatement(s)}`);
  const lost = removed
    .filter((s) => s.effect === 'Deny')
    .filter((s) => !after.statements.some((a) => statementCovers(a, s)))
    .map((s) => `loses ${describeStatement(s)}`);
  return [...gained, ...lost];
};
