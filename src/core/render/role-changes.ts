// Each role's policy change, statement by statement, in the spirit of `cdk diff`'s IAM
// table: what is added and removed (Effect, Action, Resource, Condition, where it comes
// from), the level before and after, and a trust policy that lets in more.
import type { AccessReview, RoleAccess } from '../access/types.ts';
import type { NormalizedStatement } from '../privilege/privilege.ts';
import { describeSource } from '../privilege/privilege.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { listSome, plural, tableRow, tableSections } from './markdown.ts';

/** Actions or resources listed in one cell before "and N more". */
const MAX_ITEMS = 20;
/** Reasons of a trust widening listed before "and N more". */
const MAX_REASONS = 5;

const items = (list: readonly string[]): string => listSome(list.map(cellCode), MAX_ITEMS);

const actionCell = (s: NormalizedStatement): string => {
  if (s.action !== undefined) return items(s.action);
  if (s.notAction !== undefined) return `everything except ${items(s.notAction)}`;
  return `_${escapeMarkdown(s.opaque?.note ?? 'nothing')}_`;
};

const resourceCell = (s: NormalizedStatement): string => {
  if (s.resource !== undefined) return items(s.resource);
  if (s.notResource !== undefined) return `everything except ${items(s.notResource)}`;
  return '';
};

const sourceCell = (s: NormalizedStatement): string => {
  const hasRule = s.action !== undefined || s.notAction !== undefined;
  const note = hasRule && s.opaque !== undefined ? ` (${escapeMarkdown(s.opaque.note)})` : '';
  return `${escapeMarkdown(describeSource(s.source))}${note}`;
};

const statementRow = (sign: string, s: NormalizedStatement): string =>
  tableRow([
    sign,
    s.effect,
    actionCell(s),
    resourceCell(s),
    s.conditions.map(cellCode).join('<br>'),
    sourceCell(s),
  ]);

const levelChange = (role: RoleAccess): string => {
  if (role.status === 'added') return `new role, **${role.level ?? 'unknown'}**`;
  if (role.status === 'removed') return `removed (was ${role.before ?? 'unknown'})`;
  if (role.before === role.level) return `${role.level ?? 'unknown'}, unchanged`;
  return `${role.before ?? 'unknown'} → **${role.level ?? 'unknown'}**`;
};

const trustNote = (role: RoleAccess): string | undefined => {
  if (role.trustWidened.length === 0) return undefined;
  const reasons = role.trustWidened.slice(0, MAX_REASONS).map((r) => escapeMarkdown(r));
  const more = role.trustWidened.length - reasons.length;
  return `🔴 **Trust policy widened**: ${reasons.join('; ')}${more > 0 ? ` and ${plural(more, 'more')}` : ''}.`;
};

const roleSections = (role: RoleAccess, first: boolean): string[] => {
  const lead = [
    ...(first
      ? [
          '### Role permissions',
          '',
          'What each changed role of the template allows, compared with the base branch (the same template is deployed in every account).',
          '',
        ]
      : []),
    `#### ${code(role.role)}: ${levelChange(role)}`,
  ];
  const rows = [
    ...role.added.map((s) => statementRow('+', s)),
    ...role.removed.map((s) => statementRow('-', s)),
  ];
  const note =
    trustNote(role) ??
    (rows.length === 0 && role.status === 'changed'
      ? 'Trust policy changed; it lets in no one new.'
      : undefined);
  return tableSections({
    lead,
    headers: ['', 'Effect', 'Action', 'Resource', 'Condition', 'From'],
    rows,
    label: (from, to, total) =>
      from === 1 && to === total
        ? plural(total, 'statement changed', 'statements changed')
        : `${escapeMarkdown(role.role)}: statements ${from}–${to} of ${total}`,
    ...(note === undefined ? {} : { note }),
  });
};

/** One block (or more, for long tables) per role that changed; none when the base is unknown. */
export const renderRoleChangeSections = (review: AccessReview | undefined): string[] => {
  const changed = (review?.roles ?? []).filter(
    (r) => r.status === 'added' || r.status === 'removed' || r.status === 'changed',
  );
  return changed.flatMap((role, index) => roleSections(role, index === 0));
};
