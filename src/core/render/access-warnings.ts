// The escalation warnings, right under the summary line: who gains admin or iam-write and
// where, trust policies that let in more, roles that gain power. Kept short enough to stay
// in the comment's head, which truncation never drops.
import type { AccessReview, AccessWarning, RoleHolders } from '../access/types.ts';
import type { EscalationKind } from '../privilege/privilege.ts';
import { describeEnd } from '../users/grant-end.ts';
import { code, escapeMarkdown } from './escape.ts';
import { listSome, plural } from './markdown.ts';

/** Lines of warnings before "and N more": the head must stay small. */
const MAX_LINES = 20;
/** Names in one line before "and N more". */
const MAX_NAMES = 10;
/** Accounts named in "held by" before "and in N more accounts". */
const MAX_ACCOUNTS = 5;
/** A reason quoted from the template is cut here (before escaping). */
const MAX_REASON = 240;

const SEVERE: ReadonlySet<EscalationKind> = new Set(['grant-admin', 'grant-iam-write', 'trust-widened']);

const emoji = (kind: EscalationKind): string => (SEVERE.has(kind) ? '🔴' : '⚠️');

/** What a membership warning says the user gains. */
const GAINED: Readonly<Record<EscalationKind, string>> = {
  'grant-admin': '**admin**',
  'grant-iam-write': '**iam-write**',
  'custom-granted': 'a role of **unknown power** (custom)',
  'trust-widened': 'a role whose trust policy is widened',
  'policy-gained-power': 'a role that gains power',
};

const TITLE: Readonly<Record<EscalationKind, string>> = {
  'grant-admin': 'Role grants admin',
  'grant-iam-write': 'Role grants iam-write',
  'custom-granted': 'Role of unknown power',
  'trust-widened': 'Trust policy widened',
  'policy-gained-power': 'Role gains power',
};

const clip = (text: string): string =>
  text.length <= MAX_REASON ? text : `${text.slice(0, MAX_REASON - 1).trimEnd()}…`;

/** The first reason of the role's level: the statement that decides it. */
const reasonOf = (review: AccessReview, role: string): string => {
  const reason = review.roles.find((r) => r.role === role)?.reasons[0];
  return reason === undefined ? '' : `: ${escapeMarkdown(clip(reason))}`;
};

const bold = (name: string): string => `**${escapeMarkdown(name)}**`;

interface MembershipLine {
  readonly kind: EscalationKind;
  readonly account: string;
  readonly role: string;
  /** People who keep the role longer than before, rather than gain it. */
  readonly extended: boolean;
  readonly users: AccessWarning[];
}

/** One line per kind and `account.role`, however many users gain it (extensions on their own line). */
const membershipLines = (warnings: readonly AccessWarning[]): MembershipLine[] => {
  const lines = new Map<string, MembershipLine>();
  for (const w of warnings) {
    if (w.user === undefined || w.account === undefined) continue;
    const extended = w.extendedFrom !== undefined;
    const key = JSON.stringify([w.kind, w.account, w.role, extended]);
    const line = lines.get(key);
    if (line === undefined)
      lines.set(key, { kind: w.kind, account: w.account, role: w.role, extended, users: [w] });
    else line.users.push(w);
  }
  return [...lines.values()];
};

/** `until 2026-12-31, in 31 days` of a warning's grant, relative to the plan's time. */
const endOf = (
  until: string | undefined,
  endsAt: string | undefined,
  at: Date | undefined,
): string | undefined =>
  until === undefined || endsAt === undefined ? undefined : describeEnd({ written: until, endsAt }, at);

/** The person, and for a grant that ends, when (a time-boxed admin grant is still an escalation). */
const personText = (w: AccessWarning, at: Date | undefined): string => {
  const end = endOf(w.until, w.endsAt, at);
  const ends =
    end === undefined ? (w.extendedFrom === undefined ? [] : ['with no end']) : [escapeMarkdown(end)];
  const was =
    w.extendedFrom === undefined
      ? []
      : [
          `was ${w.extendedFrom.until === undefined ? 'no end' : `until ${escapeMarkdown(w.extendedFrom.until)}`}`,
        ];
  const reason = w.reason === undefined ? [] : [escapeMarkdown(clip(w.reason))];
  const notes = [...ends, ...was, ...reason];
  return notes.length === 0 ? bold(w.user ?? '') : `${bold(w.user ?? '')} (${notes.join('; ')})`;
};

const membershipText = (review: AccessReview, line: MembershipLine, at: Date | undefined): string => {
  const who = listSome(
    line.users.map((w) => personText(w, at)),
    MAX_NAMES,
  );
  const many = line.users.length > 1;
  const where = `${code(line.account)} (${code(`${line.account}.${line.role}`)})`;
  const what = line.extended
    ? `${many ? 'keep' : 'keeps'} ${GAINED[line.kind]} in ${where} longer`
    : `${many ? 'gain' : 'gains'} ${GAINED[line.kind]} in ${where}`;
  return `${emoji(line.kind)} ${who} ${what}${reasonOf(review, line.role)}`;
};

const holdersText = (holders: readonly RoleHolders[] | undefined): string => {
  if (holders === undefined) return '';
  if (holders.length === 0) return ' Nobody holds it yet.';
  const parts = holders
    .slice(0, MAX_ACCOUNTS)
    .map((h) => `${listSome(h.users.map(code), MAX_NAMES)} in ${code(h.account)}`);
  const rest = holders.length - parts.length;
  return ` Held by ${parts.join('; ')}${rest > 0 ? ` and in ${plural(rest, 'more account')}` : ''}.`;
};

/** Trust widenings named in the head before "and N more" (the role section lists them all). */
const MAX_TRUST_REASONS = 2;

/** What the warning says: for a trust policy, its first reasons; else the warning's own text. */
const roleMessage = (review: AccessReview, w: AccessWarning): string => {
  const reasons = review.roles.find((r) => r.role === w.role)?.trustWidened ?? [];
  if (w.kind !== 'trust-widened' || reasons.length === 0) return escapeMarkdown(clip(w.message));
  const shown = reasons.slice(0, MAX_TRUST_REASONS).map((r) => escapeMarkdown(clip(r)));
  const more = reasons.length - shown.length;
  return `${code(w.role)}: ${shown.join('; ')}${more > 0 ? ` and ${plural(more, 'more change')}` : ''}`;
};

const roleText = (review: AccessReview, w: AccessWarning): string => {
  const where = w.account === undefined ? ' (every account)' : ` (${code(w.account)})`;
  const message = roleMessage(review, w);
  const stop = /[.…]$/.test(message) ? '' : '.';
  return `${emoji(w.kind)} **${TITLE[w.kind]}**${where}: ${message}${stop}${holdersText(w.holders)}`;
};

/**
 * The count in the block's title. People who gain the same role share a line, so the
 * warnings (the `escalations` output) can be more than the lines below: both are said then.
 */
const countText = (warnings: number, lines: number): string =>
  warnings === lines
    ? plural(warnings, 'warning')
    : `${plural(warnings, 'warning')} in ${plural(lines, 'line')}`;

/** The warnings block; none when the change escalates nothing. */
/** Said when role permissions could not be compared with the base branch's template. */
const UNCOMPARED =
  "⚠️ **The base branch's template could not be read**, so changes to what each role allows were not compared: read the template's diff yourself.";

/** `at`: the plan's time, from which the ends of time-boxed grants are counted. */
export const renderAccessWarnings = (review: AccessReview | undefined, at?: Date): string[] => {
  if (review === undefined) return [];
  const uncompared = review.baseTemplate === 'unreadable' ? [UNCOMPARED] : [];
  if (review.warnings.length === 0) return uncompared;
  const lines = [
    ...membershipLines(review.warnings).map((l) => membershipText(review, l, at)),
    ...review.warnings.filter((w) => w.user === undefined).map((w) => roleText(review, w)),
  ];
  const shown = lines.slice(0, MAX_LINES);
  const more =
    lines.length > shown.length
      ? [
          `- … and ${plural(lines.length - shown.length, 'more line')}: the \`access-changes\` output lists every warning.`,
        ]
      : [];
  return [
    [
      `🔴 **Access escalation: ${countText(review.escalations, lines.length)}.** Review who gains what before merging.`,
      '',
      ...shown.map((l) => `- ${l}`),
      ...more,
    ].join('\n'),
    ...uncompared,
  ];
};
