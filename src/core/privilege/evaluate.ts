// The level that a role's statements grant, with the statements that prove it. Allow minus
// Deny, read conservatively: a conditioned Allow still grants, a Deny subtracts only when it
// has no condition and applies to every resource (`Resource: "*"`).
import { ESCALATION_ACTIONS, isReadPattern } from './actions.ts';
import { maxKnownLevel } from './levels.ts';
import type { KnownLevel } from './levels.ts';
import { describeStatement, listSome } from './statements.ts';
import type { NormalizedStatement, PrivilegeLevel } from './types.ts';
import { covers, isUniversalAction, isUniversalResource, matches, overlaps } from './wildcard.ts';

export interface Evaluation {
  readonly level: PrivilegeLevel;
  readonly atLeast: KnownLevel;
  readonly reasons: readonly string[];
}

/** Statements named in a reason before "and N more". */
const MAX_STATEMENTS = 3;

/** Whether the statement's Action (or NotAction) takes in a concrete action. */
const appliesTo = (s: NormalizedStatement, action: string): boolean =>
  s.action !== undefined
    ? s.action.some((p) => matches(p, action))
    : !(s.notAction ?? []).some((p) => matches(p, action));

/** Whether a Deny takes in every action a pattern can match. */
const deniesAll = (deny: NormalizedStatement, pattern: string): boolean =>
  deny.action !== undefined
    ? deny.action.some((d) => covers(d, pattern))
    : !(deny.notAction ?? []).some((n) => overlaps(n, pattern));

const deniesSomething = (deny: NormalizedStatement): boolean =>
  deny.action !== undefined ? deny.action.length > 0 : !(deny.notAction ?? []).some(isUniversalAction);

const onEveryResource = (s: NormalizedStatement): boolean =>
  s.notResource === undefined && (s.resource ?? []).some(isUniversalResource);

interface Parts {
  readonly allows: readonly NormalizedStatement[];
  /** Unconditioned Denies: they rule out admin. */
  readonly denies: readonly NormalizedStatement[];
  /** Those of them on every resource: they remove actions. */
  readonly subtracting: readonly NormalizedStatement[];
  readonly ignoredDenies: readonly NormalizedStatement[];
}

const split = (statements: readonly NormalizedStatement[]): Parts => {
  const evaluable = statements.filter((s) => s.opaque === undefined);
  const denies = evaluable.filter(
    (s) => s.effect === 'Deny' && s.conditions.length === 0 && deniesSomething(s),
  );
  return {
    allows: evaluable.filter((s) => s.effect === 'Allow'),
    denies,
    subtracting: denies.filter(onEveryResource),
    ignoredDenies: evaluable.filter(
      (s) => s.effect === 'Deny' && !(s.conditions.length === 0 && onEveryResource(s)),
    ),
  };
};

const firstStatements = (statements: readonly NormalizedStatement[], suffix: string): string[] => [
  ...statements.slice(0, MAX_STATEMENTS).map((s) => `${describeStatement(s)}${suffix}`),
  ...(statements.length > MAX_STATEMENTS
    ? [`and ${statements.length - MAX_STATEMENTS} more statements`]
    : []),
];

const adminReasons = (parts: Parts): string[] => {
  if (parts.denies.length > 0) return [];
  const all = parts.allows.filter((s) => s.action?.some(isUniversalAction) === true && onEveryResource(s));
  return firstStatements(all, '');
};

const iamWriteReasons = (parts: Parts): string[] => {
  const effective = ESCALATION_ACTIONS.filter((a) => !parts.subtracting.some((d) => appliesTo(d, a)));
  return parts.allows.flatMap((s) => {
    const granted = effective.filter((a) => appliesTo(s, a));
    return granted.length > 0 ? [`${describeStatement(s)} permits ${listSome(granted)}`] : [];
  });
};

/** What an Allow, less the Denies, takes in that is not a read: patterns, or `*` for a NotAction. */
const writesOf = (s: NormalizedStatement, subtracting: readonly NormalizedStatement[]): string[] => {
  const survives = (pattern: string): boolean => !subtracting.some((d) => deniesAll(d, pattern));
  if (s.action !== undefined) return s.action.filter((p) => !isReadPattern(p) && survives(p));
  return !(s.notAction ?? []).some(isUniversalAction) && survives('*') ? ['*'] : [];
};

const writeReasons = (parts: Parts): string[] => {
  const writes = parts.allows.flatMap((s) => {
    const patterns = writesOf(s, parts.subtracting);
    if (patterns.length === 0) return [];
    return s.action === undefined
      ? [`${describeStatement(s)} allows more than reading`]
      : [`${describeStatement({ ...s, action: patterns })} is not a read`];
  });
  return [
    ...writes.slice(0, MAX_STATEMENTS),
    ...(writes.length > MAX_STATEMENTS ? [`and ${writes.length - MAX_STATEMENTS} more statements`] : []),
  ];
};

const evaluated = (parts: Parts): { level: KnownLevel; reasons: string[] } => {
  const admin = adminReasons(parts);
  if (admin.length > 0) return { level: 'admin', reasons: admin };
  const iam = iamWriteReasons(parts);
  if (iam.length > 0) return { level: 'iam-write', reasons: iam };
  const writes = writeReasons(parts);
  if (writes.length > 0) return { level: 'write', reasons: writes };
  return {
    level: 'read-only',
    reasons: parts.allows.length > 0 ? firstStatements(parts.allows, ' only reads') : [],
  };
};

const denyNotes = (parts: Parts): string[] => [
  ...parts.subtracting.map((d) => `${describeStatement(d)} is subtracted`),
  ...parts.ignoredDenies.map(
    (d) =>
      `${describeStatement(d)} is not subtracted: ${d.conditions.length > 0 ? 'it has a condition' : 'it applies to some resources only'}`,
  ),
];

export const evaluateStatements = (statements: readonly NormalizedStatement[]): Evaluation => {
  const parts = split(statements);
  const own = evaluated(parts);
  const opaqueLevels = statements.flatMap((s) =>
    s.opaque !== undefined && s.opaque.level !== 'custom' ? [s.opaque.level] : [],
  );
  const atLeast = maxKnownLevel([own.level, ...opaqueLevels]);
  const customs = statements.filter((s) => s.opaque?.level === 'custom');
  // Nothing grants more than admin, so an unknown policy beside it changes nothing.
  const level: PrivilegeLevel = customs.length > 0 && atLeast !== 'admin' ? 'custom' : atLeast;
  const justification = [
    ...statements
      .filter((s) => s.effect === 'Allow' && s.opaque?.level === atLeast)
      .map((s) => describeStatement(s)),
    ...(own.level === atLeast ? own.reasons : []),
  ];
  return {
    level,
    atLeast,
    reasons: [
      ...(level === 'custom'
        ? [
            ...customs.map((s) => `${describeStatement(s)}: cannot be evaluated`),
            `the rest grants ${atLeast}`,
          ]
        : []),
      ...(justification.length > 0 || level === 'custom' ? justification : ['grants no permissions']),
      ...denyNotes(parts),
    ],
  };
};
