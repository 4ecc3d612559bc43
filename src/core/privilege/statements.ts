// Policy documents as lists of NormalizedStatement: one shape whatever the template wrote
// (`"Action": "x"` or `["x"]`, a JSON string or an object), so that statements can be
// evaluated, compared between two versions and shown one per line.
import { intrinsicName, isRecord, renderList, renderText } from './intrinsics.ts';
import type { Effect, NormalizedStatement, PrivilegeLevel, StatementSource } from './types.ts';

const sortedUnique = (items: readonly string[]): string[] =>
  [...new Set(items)].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || a.localeCompare(b));

/** A statement that stands for a whole policy or a statement that cannot be evaluated. */
export const opaqueStatement = (
  source: StatementSource,
  level: PrivilegeLevel,
  note: string,
  effect: Effect = 'Allow',
): NormalizedStatement => ({
  source,
  sid: undefined,
  effect,
  action: undefined,
  notAction: undefined,
  resource: undefined,
  notResource: undefined,
  conditions: [],
  opaque: { level, note },
});

/** `Bool aws:MultiFactorAuthPresent true`: one line per operator and key. */
export const conditionLines = (condition: unknown): string[] => {
  if (condition === undefined || condition === null) return [];
  if (!isRecord(condition) || intrinsicName(condition) !== undefined) return [renderText(condition)];
  return sortedUnique(
    Object.entries(condition).flatMap(([operator, keys]) =>
      isRecord(keys) && intrinsicName(keys) === undefined
        ? Object.entries(keys).map(
            ([key, values]) =>
              `${operator} ${key} ${sortedUnique(renderList(values).map((v) => v.text)).join(', ')}`,
          )
        : [`${operator} ${renderText(keys)}`],
    ),
  );
};

const textList = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : sortedUnique(renderList(value).map((v) => v.text));

/** Reads one statement; an Action or Effect known only at deploy makes it opaque. */
export const normalizeStatement = (raw: unknown, source: StatementSource): NormalizedStatement => {
  if (!isRecord(raw) || intrinsicName(raw) !== undefined)
    return opaqueStatement(source, 'custom', `a statement is ${renderText(raw)}, known only at deploy`);
  const effect = raw.Effect;
  const actionKey = raw.Action !== undefined ? 'Action' : 'NotAction';
  const actionValue = raw[actionKey];
  const actionsKnown = actionValue !== undefined && renderList(actionValue).every((a) => a.literal);
  const statement: NormalizedStatement = {
    source,
    sid: typeof raw.Sid === 'string' ? raw.Sid : undefined,
    effect: effect === 'Deny' ? 'Deny' : 'Allow',
    action: actionKey === 'Action' ? textList(actionValue) : undefined,
    notAction: actionKey === 'NotAction' ? textList(actionValue) : undefined,
    resource: textList(raw.Resource),
    notResource: raw.Resource === undefined ? textList(raw.NotResource) : undefined,
    conditions: conditionLines(raw.Condition),
    opaque: undefined,
  };
  if (effect !== 'Allow' && effect !== 'Deny')
    return {
      ...statement,
      opaque: { level: 'custom', note: `Effect ${renderText(effect)} is not Allow or Deny` },
    };
  if (actionsKnown) return statement;
  // A Deny that cannot be read only fails to subtract: nothing is granted by it.
  const level: PrivilegeLevel = effect === 'Deny' ? 'read-only' : 'custom';
  const what = actionValue === undefined ? 'no Action' : `${actionKey} known only at deploy`;
  return { ...statement, opaque: { level, note: `${what}, so it is not evaluated` } };
};

/** All statements of a policy document (an object, or JSON text). */
export const normalizeDocument = (document: unknown, source: StatementSource): NormalizedStatement[] => {
  if (document === undefined || document === null)
    return [opaqueStatement(source, 'custom', 'it has no policy document')];
  let parsed: unknown = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as unknown;
    } catch {
      return [opaqueStatement(source, 'custom', 'its policy document is not valid JSON')];
    }
  }
  if (!isRecord(parsed) || intrinsicName(parsed) !== undefined)
    return [
      opaqueStatement(source, 'custom', `its policy document is ${renderText(parsed)}, known only at deploy`),
    ];
  const list = parsed.Statement;
  if (intrinsicName(list) !== undefined)
    return [
      opaqueStatement(source, 'custom', `its statements are ${renderText(list)}, known only at deploy`),
    ];
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.map((item) => normalizeStatement(item, source));
};

export const describeSource = (source: StatementSource): string => {
  switch (source.kind) {
    case 'inline':
      return `inline policy ${source.name}`;
    case 'policy':
      return `policy resource ${source.name}`;
    case 'managed-policy':
      return `managed policy resource ${source.name}`;
    case 'aws-managed':
      return `AWS managed policy ${source.name}`;
    case 'external-managed':
      return `managed policy ${source.name}`;
  }
};

/** `a, b, c and 4 more`: reasons stay one line. */
export const listSome = (items: readonly string[], max = 4): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

/** `Allow iam:* on * when Bool aws:MultiFactorAuthPresent true` */
export const describeRule = (s: NormalizedStatement, max = 4): string => {
  if (s.action === undefined && s.notAction === undefined) return s.opaque?.note ?? `${s.effect} nothing`;
  const actions =
    s.action !== undefined
      ? listSome(s.action, max)
      : `everything except ${listSome(s.notAction ?? [], max)}`;
  const resources =
    s.resource !== undefined
      ? ` on ${listSome(s.resource, max)}`
      : s.notResource !== undefined
        ? ` on everything except ${listSome(s.notResource, max)}`
        : '';
  const when = s.conditions.length > 0 ? ` when ${s.conditions.join(' and ')}` : '';
  return `${s.effect} ${actions}${resources}${when}`;
};

/** The rule and where it comes from: `Allow * on * (inline policy AdministratorAccess)`. */
export const describeStatement = (s: NormalizedStatement, max = 4): string => {
  const source = describeSource(s.source);
  const hasRule = s.action !== undefined || s.notAction !== undefined;
  if (s.opaque === undefined) return `${describeRule(s, max)} (${source})`;
  return hasRule ? `${describeRule(s, max)} (${source}: ${s.opaque.note})` : `${source} (${s.opaque.note})`;
};

/** Identity by meaning, for diffs: the Sid and the order of lists do not count. */
export const statementKey = (s: NormalizedStatement): string =>
  JSON.stringify([
    s.source.kind,
    s.source.name,
    s.effect,
    s.action ?? null,
    s.notAction ?? null,
    s.resource ?? null,
    s.notResource ?? null,
    s.conditions,
    s.opaque?.level ?? null,
  ]);
