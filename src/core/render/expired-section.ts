// Grants the user map still lists after they ended: they grant nothing, and the file can be
// tidied. Said in the plan and in the scheduled run's summary, never an error.
import { byText } from '../collections.ts';
import type { GroupPlan } from '../plan/types.ts';
import { describeEnd } from '../users/grant-end.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { plural, tableRow, tableSections } from './markdown.ts';

/** The "expired, can be removed" block; none when no listed grant has ended. */
export const renderExpiredGrants = (groups: readonly GroupPlan[], at: Date | undefined): string[] => {
  const rows = groups
    .flatMap((g) => (g.expired ?? []).map((e) => ({ group: g.name, ...e })))
    .sort((a, b) => byText(a.group, b.group) || byText(a.userName, b.userName))
    .map((e) =>
      tableRow([
        cellCode(e.userName),
        cellCode(e.group),
        escapeMarkdown(describeEnd(e.until, at)),
        e.reason === undefined ? '' : escapeMarkdown(e.reason),
        code(`${e.position.file}:${e.position.line}`),
      ]),
    );
  if (rows.length === 0) return [];
  return tableSections({
    lead: [
      '### Grants that have ended',
      '',
      `${plural(rows.length, 'grant')} in the user map ${rows.length === 1 ? 'has' : 'have'} ended: expired, ${rows.length === 1 ? 'it grants' : 'they grant'} nothing and can be removed from the file.`,
    ],
    headers: ['User', 'Group', 'Ended', 'Reason', 'Line'],
    rows,
    label: (from, to, total) =>
      from === 1 && to === total ? plural(total, 'grant') : `Grants, rows ${from}–${to} of ${total}`,
  });
};
