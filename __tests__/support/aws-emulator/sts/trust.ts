// Trust-policy evaluation for AssumeRole* (option `checkTrust`). Conditions are not evaluated.
import type { Principal } from '../credentials.ts';
import { isJsonObject, toJson, type Json } from '../util/json.ts';

export type AssumeAction = 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity';

const asList = (value: Json | undefined): Json[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function actionMatches(value: Json | undefined, action: AssumeAction): boolean {
  return asList(value).some((item) => {
    const text = String(item).toLowerCase();
    return text === '*' || text === 'sts:*' || text === action.toLowerCase();
  });
}

/** Identifiers a trust policy may name for a caller: account, root ARN, user or role ARN. */
export function callerIdentifiers(principal: Principal): string[] {
  const ids = [principal.account, `arn:aws:iam::${principal.account}:root`, principal.arn];
  if (principal.kind === 'assumed-role') ids.push(principal.session.roleArn);
  return ids;
}

function principalMatches(value: Json | undefined, action: AssumeAction, caller: string[]): boolean {
  if (value === '*') return true;
  if (!isJsonObject(value)) return false;
  if (action === 'sts:AssumeRoleWithWebIdentity') return asList(value.Federated).length > 0;
  return asList(value.AWS).some((item) => item === '*' || caller.includes(String(item)));
}

function statements(document: string): Json[] {
  try {
    const parsed = toJson(JSON.parse(document));
    return isJsonObject(parsed) ? asList(parsed.Statement) : [];
  } catch {
    return [];
  }
}

/** Allowed when some Allow statement matches and no Deny statement does. */
export function trustAllows(document: string, action: AssumeAction, caller: string[]): boolean {
  const matching = statements(document).filter(
    (s) =>
      isJsonObject(s) && actionMatches(s.Action, action) && principalMatches(s.Principal, action, caller),
  );
  const effects = matching.map((s) => (isJsonObject(s) ? s.Effect : undefined));
  return effects.includes('Allow') && !effects.includes('Deny');
}
