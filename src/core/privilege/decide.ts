// Whether a role's statements allow one action (on one resource, or on any): IAM's order of
// evaluation, read from the template. An explicit Deny wins; then an Allow grants; nothing
// allows by default. Wildcards match as IAM matches them (actions without regard to case,
// ARNs exactly). What cannot be known before deploy is said, never guessed silently:
// - a statement with a condition, or an Allow on some resources only, "may" apply (limited);
// - a `${...}` left in a resource is read as `*` in an Allow (more power, the safe error)
//   and makes a Deny uncertain (it is not counted as denying for sure);
// - an AWS managed policy known only by name is `likely` to allow a read when it is a
//   read-only policy, and `unknown` otherwise; any other policy not in the template is unknown.
import { isReadPattern } from './actions.ts';
import { describeStatement } from './statements.ts';
import type { NormalizedStatement } from './types.ts';
import { isUniversalResource, matches } from './wildcard.ts';

export type ActionDecision =
  /** An unconditioned Allow covers it and no Deny can take it away. */
  | 'allowed'
  /** An Allow covers it only under a condition, on some resources, or a Deny may apply. */
  | 'limited'
  /** Only an AWS managed read-only policy, known by its name, would allow it. */
  | 'likely'
  /** A policy whose contents are not known here may allow it. */
  | 'unknown'
  /** An unconditioned Deny takes it away. */
  | 'denied'
  /** No statement allows it. */
  | 'not-allowed';

export interface Decided {
  readonly decision: ActionDecision;
  /** The statements that decide, the deciding one first. */
  readonly reasons: readonly string[];
}

type Scope = 'all' | 'some' | 'none';

const UNRESOLVED = /\$\{[^}]*\}/g;
const HAS_UNRESOLVED = /\$\{[^}]*\}/;

const actionApplies = (s: NormalizedStatement, action: string): boolean =>
  s.action !== undefined
    ? s.action.some((p) => matches(p, action))
    : s.notAction !== undefined && !s.notAction.some((p) => matches(p, action));

/** A resource pattern as a wildcard: what is known only at deploy stands for anything. */
const asPattern = (pattern: string): { readonly glob: string; readonly exact: boolean } => ({
  glob: pattern.replace(UNRESOLVED, '*'),
  exact: !HAS_UNRESOLVED.test(pattern),
});

/** On which part of the resources (the given one, or any) a statement applies. */
const resourceScope = (s: NormalizedStatement, resource: string | undefined): Scope => {
  const listed = s.resource ?? s.notResource;
  if (listed === undefined) return 'all';
  const patterns = listed.map(asPattern);
  if (resource === undefined) {
    if (s.notResource !== undefined) return 'some';
    return patterns.some((p) => p.exact && isUniversalResource(p.glob)) ? 'all' : 'some';
  }
  const hit = patterns.find((p) => matches(p.glob, resource, false));
  if (s.notResource !== undefined) return hit === undefined ? 'all' : hit.exact ? 'none' : 'some';
  return hit === undefined ? 'none' : hit.exact ? 'all' : 'some';
};

interface Applying {
  readonly statement: NormalizedStatement;
  /** Certainly applies: no condition, every resource concerned. */
  readonly certain: boolean;
}

const applying = (
  statements: readonly NormalizedStatement[],
  effect: 'Allow' | 'Deny',
  action: string,
  resource: string | undefined,
): Applying[] =>
  statements.flatMap((s) => {
    if (s.opaque !== undefined || s.effect !== effect || !actionApplies(s, action)) return [];
    const scope = resourceScope(s, resource);
    if (scope === 'none') return [];
    return [{ statement: s, certain: scope === 'all' && s.conditions.length === 0 }];
  });

const described = (list: readonly Applying[]): string[] => list.map((a) => describeStatement(a.statement));

/** What the statements decide for `action` (a concrete `service:Action`) on `resource` (an ARN), or on any resource. */
export const decideAction = (
  statements: readonly NormalizedStatement[],
  action: string,
  resource?: string,
): Decided => {
  const denies = applying(statements, 'Deny', action, resource);
  const certainDeny = denies.filter((d) => d.certain);
  if (certainDeny.length > 0) return { decision: 'denied', reasons: described(certainDeny) };
  const allows = applying(statements, 'Allow', action, resource);
  const unreadDenies = statements.filter((s) => s.opaque !== undefined && s.effect === 'Deny');
  const maybeDenied = [...described(denies), ...unreadDenies.map((s) => describeStatement(s))].map(
    (d) => `${d} may apply`,
  );
  const certainAllow = allows.filter((a) => a.certain);
  if (certainAllow.length > 0)
    return {
      decision: maybeDenied.length > 0 ? 'limited' : 'allowed',
      reasons: [...described(certainAllow), ...maybeDenied],
    };
  if (allows.length > 0) return { decision: 'limited', reasons: [...described(allows), ...maybeDenied] };
  const opaque = statements.filter((s) => s.opaque !== undefined && s.effect === 'Allow');
  const unknown = opaque.filter((s) => s.opaque?.level !== 'read-only');
  if (unknown.length > 0) return { decision: 'unknown', reasons: unknown.map((s) => describeStatement(s)) };
  const reads = isReadPattern(action) ? opaque : [];
  if (reads.length > 0) return { decision: 'likely', reasons: reads.map((s) => describeStatement(s)) };
  return { decision: 'not-allowed', reasons: [] };
};
