// Trust-policy evaluation for AssumeRole* (option `checkTrust`). Of the conditions, those on
// MFA (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge) are evaluated, as AWS does for the
// request's SerialNumber/TokenCode; any other condition key is not evaluated (it holds).
import type { Principal } from '../credentials.ts';
import { isJsonObject, toJson, type Json, type JsonObject } from '../util/json.ts';

export type AssumeAction = 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity';

/** What the request context says about MFA; undefined values are keys absent from it. */
export interface MfaContext {
  /** true with a valid SerialNumber/TokenCode; absent for long-term keys without MFA. */
  readonly present?: boolean;
  /** Seconds since the MFA code was checked. */
  readonly ageSeconds?: number;
}

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

const NUMERIC: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  NumericEquals: (a, b) => a === b,
  NumericNotEquals: (a, b) => a !== b,
  NumericLessThan: (a, b) => a < b,
  NumericLessThanEquals: (a, b) => a <= b,
  NumericGreaterThan: (a, b) => a > b,
  NumericGreaterThanEquals: (a, b) => a >= b,
};

/** One operator on one MFA key; a key absent from the context fails unless `...IfExists` or `Null`. */
function mfaConditionHolds(operator: string, value: boolean | number | undefined, wanted: Json[]): boolean {
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (base === 'Null') return wanted.some((w) => String(w).toLowerCase() === String(value === undefined));
  if (value === undefined) return ifExists;
  if (base === 'Bool') return wanted.some((w) => String(w).toLowerCase() === String(value));
  const compare = NUMERIC[base];
  if (compare && typeof value === 'number') return wanted.some((w) => compare(value, Number(w)));
  return true;
}

function conditionsHold(condition: Json | undefined, mfa: MfaContext): boolean {
  if (!isJsonObject(condition)) return true;
  return Object.entries(condition).every(([operator, block]) =>
    Object.entries(isJsonObject(block) ? block : ({} as JsonObject)).every(([key, wanted]) => {
      const k = key.toLowerCase();
      if (k === 'aws:multifactorauthpresent') return mfaConditionHolds(operator, mfa.present, asList(wanted));
      if (k === 'aws:multifactorauthage') return mfaConditionHolds(operator, mfa.ageSeconds, asList(wanted));
      return true;
    }),
  );
}

/** Allowed when some Allow statement applies and no Deny statement does. */
export function trustAllows(
  document: string,
  action: AssumeAction,
  caller: string[],
  mfa: MfaContext = {},
): boolean {
  const applying = statements(document).filter(
    (s) =>
      isJsonObject(s) &&
      actionMatches(s.Action, action) &&
      principalMatches(s.Principal, action, caller) &&
      conditionsHold(s.Condition, mfa),
  );
  const effects = applying.map((s) => (isJsonObject(s) ? s.Effect : undefined));
  return effects.includes('Allow') && !effects.includes('Deny');
}
