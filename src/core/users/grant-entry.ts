// A list of people given a grant: the user map's `account: { Role: [...] }` lists, and a team's
// `members`. Each entry is a user name, or `{ user, until, reason }` for a grant that ends by
// itself. The shape is checked by the schema (`grantEntrySchema`); this reads the entries
// with their positions and checks what the schema cannot: the calendar, a person listed
// twice, and the config's `require_reason`.
import { error } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { GrantPolicy, UserEntry } from '../model.ts';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems } from '../yaml/nodes.ts';
import type { YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import { GRANT_END_FORMS, GRANT_END_PATTERN, parseGrantEnd } from './grant-end.ts';

export interface GrantListContext {
  /** What the list grants, for messages: `prod.AdminRole`, `team sre`. */
  readonly where: string;
  readonly policy: GrantPolicy;
  /** The config file, which sets the policy. */
  readonly configFile: string;
}

export interface GrantList {
  /** Every entry that could be read, in file order; an unreadable one is left out (and reported). */
  readonly entries: readonly UserEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

type EntryRead = { readonly entry: UserEntry | undefined; readonly diagnostics: readonly Diagnostic[] };

const text = (yaml: YamlFile, node: Node | null): string | undefined =>
  kindOf(yaml, node) === 'string' ? String(scalarValue(yaml, node)) : undefined;

/** `{ user, until, reason }`: what the schema let through, and the calendar of `until`. */
const timeBoxed = (yaml: YamlFile, node: Node | null, context: GrantListContext): EntryRead => {
  const fields = new Map(mapEntries(yaml, node).map((e) => [e.key, e.valueNode]));
  const userName = text(yaml, fields.get('user') ?? null);
  const untilNode = fields.get('until') ?? null;
  const written = text(yaml, untilNode);
  const reason = text(yaml, fields.get('reason') ?? null);
  // A missing or misshapen field is the schema's error already.
  if (userName === undefined || written === undefined) return { entry: undefined, diagnostics: [] };
  const end = parseGrantEnd(written);
  if (!end.ok) {
    // Text that does not even look like a date is the schema's error; a 31st of February is ours.
    const ours = GRANT_END_PATTERN.test(written);
    return {
      entry: undefined,
      diagnostics: ours
        ? [error(positionOf(yaml, untilNode), `\`until\`: ${end.problem}.`, `Write ${GRANT_END_FORMS}.`)]
        : [],
    };
  }
  const at = positionOf(yaml, node);
  const missingReason =
    context.policy.requireReason && (reason === undefined || reason.trim() === '')
      ? [
          error(
            at,
            `The grant of ${userName} in ${context.where} ends (until ${written}) but says no reason, and ${context.configFile} requires one (\`require_reason: true\`).`,
            `Add why it is given: \`- { user: ${userName}, until: ${written}, reason: "INC-4711 database failover" }\`.`,
          ),
        ]
      : [];
  return {
    entry: { userName, position: at, until: end.end, ...(reason === undefined ? {} : { reason }) },
    diagnostics: missingReason,
  };
};

const entryOf = (yaml: YamlFile, node: Node | null, context: GrantListContext): EntryRead => {
  const kind = kindOf(yaml, node);
  if (kind === 'string')
    return {
      entry: { userName: String(scalarValue(yaml, node)), position: positionOf(yaml, node) },
      diagnostics: [],
    };
  return kind === 'map' ? timeBoxed(yaml, node, context) : { entry: undefined, diagnostics: [] };
};

/** The entries of a list node; a person listed twice (IAM names ignore case) is an error at the second. */
export const parseGrantEntries = (
  yaml: YamlFile,
  list: Node | null,
  context: GrantListContext,
): GrantList => {
  const entries: UserEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const firstLine = new Map<string, number>();
  for (const item of seqItems(yaml, list)) {
    const read = entryOf(yaml, item, context);
    diagnostics.push(...read.diagnostics);
    const entry = read.entry;
    if (entry === undefined) continue;
    const earlier = firstLine.get(entry.userName.toLowerCase());
    if (earlier !== undefined) {
      diagnostics.push(
        error(
          entry.position,
          `User "${entry.userName}" is listed twice in ${context.where} (also at line ${earlier}).`,
          'Remove one of the two entries.',
        ),
      );
      continue;
    }
    firstLine.set(entry.userName.toLowerCase(), entry.position.line);
    entries.push(entry);
  }
  return { entries, diagnostics };
};
