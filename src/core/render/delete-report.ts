// The job summary of `delete`: each account's stack, then each group of the master account.
import type { DeleteReport } from '../report/types.ts';
import { code, escapeMarkdown } from './escape.ts';
import { reportHeading } from './heading.ts';
import { tableHeader, tableRow } from './markdown.ts';
import { MANAGED_GROUP_PATH } from '../model.ts';

type Deleted = Extract<DeleteReport, { outcome: 'deleted' }>;

const icon = (ok: boolean): string => (ok ? '✅' : '❌');

const stackOutcome = (s: Deleted['stacks'][number]): string =>
  s.ok ? (s.existed ? 'stack deleted' : 'no stack') : escapeMarkdown(s.reason ?? 'failed');

export const renderDeleteReport = (report: DeleteReport): string => {
  if (report.outcome === 'refused')
    return `${reportHeading('delete')}\n\n⛔ ${escapeMarkdown(report.headline)}\n`;
  const failures = report.stacks.filter((s) => !s.ok).length + report.groups.filter((g) => !g.ok).length;
  return [
    reportHeading('delete'),
    '',
    failures === 0 ? '✅ Deleted.' : '❌ Delete finished with failures; run it again after fixing them.',
    '',
    ...tableHeader(['', 'Account', 'Id', 'Outcome']),
    ...report.stacks.map((s) => tableRow([icon(s.ok), code(s.account), code(s.accountId), stackOutcome(s)])),
    '',
    `### Master account (${code(report.masterAccountId)})`,
    '',
    ...(report.groups.length === 0
      ? [`No group under ${code(MANAGED_GROUP_PATH)}.`]
      : [
          ...tableHeader(['', 'Group', 'Outcome']),
          ...report.groups.map((g) =>
            tableRow([icon(g.ok), code(g.group), g.ok ? 'deleted' : escapeMarkdown(g.reason ?? 'failed')]),
          ),
        ]),
    '',
  ].join('\n');
};
