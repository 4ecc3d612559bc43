// Template values a reader knows before deploy: `${AssumingAccountID}`, parameters, and the
// pseudo parameters of one account (`${AWS::AccountId}`, `${AWS::Partition}`, ...), put into
// the text of statements and trust policies so that they read as they will in AWS and so
// that ARNs can be matched. Values not known stay as `${Name}`.
import type { NormalizedStatement, TrustGrant, TrustSummary } from './types.ts';

export type KnownValues = ReadonlyMap<string, string>;

export const substitute = (text: string, values: KnownValues): string =>
  text.replace(/\$\{([^}]+)\}/g, (whole: string, name: string) => values.get(name) ?? whole);

const each = (list: readonly string[] | undefined, values: KnownValues): readonly string[] | undefined =>
  list?.map((item) => substitute(item, values));

export const substituteStatement = (s: NormalizedStatement, values: KnownValues): NormalizedStatement => ({
  ...s,
  action: each(s.action, values),
  notAction: each(s.notAction, values),
  resource: each(s.resource, values),
  notResource: each(s.notResource, values),
  conditions: s.conditions.map((c) => substitute(c, values)),
});

const grant = (g: TrustGrant, values: KnownValues): TrustGrant => ({
  ...g,
  principal: substitute(g.principal, values),
  conditions: g.conditions.map((c) => substitute(c, values)),
});

export const substituteTrust = (trust: TrustSummary, values: KnownValues): TrustSummary => ({
  ...trust,
  principals: trust.principals.map((p) => substitute(p, values)),
  conditions: trust.conditions.map((c) => substitute(c, values)),
  grants: trust.grants.map((g) => grant(g, values)),
  denies: trust.denies.map((d) => substitute(d, values)),
});
