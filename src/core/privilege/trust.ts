// Who may assume a role: the principals of its trust policy (AssumeRolePolicyDocument), each
// with the conditions of the statement that lets it in, and whether MFA is required. A
// trust policy is widened when someone new gets in or a condition stops applying.
import { intrinsicName, isRecord, renderList } from './intrinsics.ts';
import { conditionLines } from './statements.ts';
import type { RolePrivilege, TrustDiff, TrustGrant, TrustSummary } from './types.ts';
import { matches } from './wildcard.ts';

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];
const ANYONE = '*';

const unique = (items: readonly string[]): string[] => [...new Set(items)].sort();

/** `arn:${AWS::Partition}:iam::${AssumingAccountID}:root` and `${AssumingAccountID}` -> `${AssumingAccountID}:root`. */
export const principalText = (type: string, value: string): string => {
  if (value === ANYONE) return ANYONE;
  if (type !== 'AWS') return value;
  const root = /^arn:(?:\$\{AWS::Partition\}|[^:]*):iam::(.+):root$/.exec(value);
  if (root) return `${root[1]}:root`;
  return value.startsWith('arn:') ? value : `${value}:root`;
};

const principals = (principal: unknown): string[] => {
  if (principal === undefined) return [];
  if (!isRecord(principal) || intrinsicName(principal) !== undefined)
    return renderList(principal).map((p) => principalText('AWS', p.text));
  return Object.entries(principal).flatMap(([type, values]) =>
    renderList(values).map((p) => principalText(type, p.text)),
  );
};

/** MFA is required when `Bool aws:MultiFactorAuthPresent` is true or `NumericLessThan aws:MultiFactorAuthAge` applies; the `IfExists` forms let long-term keys through. */
export const requiresMfa = (condition: unknown): boolean => {
  if (!isRecord(condition)) return false;
  return Object.entries(condition).some(([operator, keys]) => {
    if (!isRecord(keys)) return false;
    return Object.entries(keys).some(([key, value]) => {
      const k = key.toLowerCase();
      if (operator === 'Bool' && k === 'aws:multifactorauthpresent')
        return renderList(value).every((v) => v.text.toLowerCase() === 'true');
      return /^NumericLessThan(?:Equals)?$/.test(operator) && k === 'aws:multifactorauthage';
    });
  });
};

const lets = (statement: Readonly<Record<string, unknown>>): boolean => {
  const actions = renderList(statement.Action ?? statement.NotAction);
  if (actions.some((a) => !a.literal)) return true;
  const hit = ASSUME_ACTIONS.some((action) => actions.some((a) => matches(a.text, action)));
  return statement.Action !== undefined
    ? hit
    : !ASSUME_ACTIONS.every((action) => actions.some((a) => matches(a.text, action)));
};

const statementsOf = (document: unknown): Readonly<Record<string, unknown>>[] => {
  let parsed = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as unknown;
    } catch {
      return [];
    }
  }
  const list = isRecord(parsed) ? parsed.Statement : undefined;
  return (Array.isArray(list) ? list : list === undefined ? [] : [list]).filter(isRecord);
};

const grantsOf = (statement: Readonly<Record<string, unknown>>): TrustGrant[] => {
  const conditions = conditionLines(statement.Condition);
  const mfa = requiresMfa(statement.Condition);
  const who =
    statement.NotPrincipal !== undefined
      ? [`${ANYONE} except ${principals(statement.NotPrincipal).join(', ')}`]
      : principals(statement.Principal);
  return who.map((principal) => ({ principal, conditions, requiresMfa: mfa }));
};

const denyText = (statement: Readonly<Record<string, unknown>>): string => {
  const who =
    statement.NotPrincipal !== undefined
      ? `everyone except ${principals(statement.NotPrincipal).join(', ')}`
      : principals(statement.Principal).join(', ');
  const conditions = conditionLines(statement.Condition);
  return `Deny ${who}${conditions.length > 0 ? ` when ${conditions.join(' and ')}` : ''}`;
};

export const trustSummary = (document: unknown): TrustSummary => {
  const statements = statementsOf(document);
  const allows = statements.filter((s) => s.Effect !== 'Deny' && lets(s));
  const grants = allows.flatMap(grantsOf);
  return {
    principals: unique(grants.map((g) => g.principal)),
    requiresMfa: grants.length > 0 && grants.every((g) => g.requiresMfa),
    conditions: unique(grants.flatMap((g) => g.conditions)),
    grants,
    denies: unique(statements.filter((s) => s.Effect === 'Deny').map(denyText)),
  };
};

const isAnyone = (principal: string): boolean =>
  principal === ANYONE || principal.startsWith(`${ANYONE} except`);

/** Why one grant of the new trust policy lets in more than the old one did. */
const grantWidening = (grant: TrustGrant, before: TrustSummary): string[] => {
  const prior = before.grants.filter((b) => b.principal === grant.principal);
  if (prior.length === 0)
    return [
      isAnyone(grant.principal)
        ? `anyone (Principal ${grant.principal}) may assume the role`
        : `new principal ${grant.principal}`,
    ];
  if (prior.some((b) => b.conditions.every((c) => grant.conditions.includes(c)))) return [];
  const missing = prior
    .map((b) => b.conditions.filter((c) => !grant.conditions.includes(c)))
    .reduce((a, b) => (b.length < a.length ? b : a));
  const mfaLost = prior.some((b) => b.requiresMfa) && !grant.requiresMfa;
  return [
    ...(mfaLost ? [`MFA no longer required for ${grant.principal}`] : []),
    ...missing.map((c) => `condition removed or changed for ${grant.principal}: ${c}`),
  ];
};

const trustOf = (x: TrustSummary | RolePrivilege | undefined): TrustSummary | undefined =>
  x === undefined ? undefined : 'trust' in x ? x.trust : x;

/**
 * Whether the trust policy lets in more after the change. With no base version, only a
 * trust in anyone (`*`) counts: every principal of a new role is new.
 */
export const diffTrust = (
  beforeTrust: TrustSummary | RolePrivilege | undefined,
  afterTrust: TrustSummary | RolePrivilege | undefined,
): TrustDiff => {
  const before = trustOf(beforeTrust);
  const after = trustOf(afterTrust);
  if (after === undefined) return { widened: false, reasons: [] };
  if (before === undefined) {
    const anyone = after.grants.filter((g) => isAnyone(g.principal));
    const reasons = unique(anyone.map((g) => `anyone (Principal ${g.principal}) may assume the role`));
    return { widened: reasons.length > 0, reasons };
  }
  const reasons = [
    ...after.grants.flatMap((g) => grantWidening(g, before)),
    ...before.denies
      .filter((d) => !after.denies.includes(d))
      .map((d) => `trust policy statement removed: ${d}`),
  ];
  const distinct = [...new Set(reasons)];
  return { widened: distinct.length > 0, reasons: distinct };
};
