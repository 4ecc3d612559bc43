// The job summary of an apply: what was done per account and in the master account.
import { renderDiagnostics } from './diagnostics.ts';
import { code, escapeMarkdown } from './escape.ts';
import { reportHeading } from './heading.ts';
import { renderReviewSection } from './review.ts';
import type { ApplyReport } from '../report/types.ts';

type AppliedReport = Extract<ApplyReport, { outcome: 'applied' }>;

const icon = { done: '✅', unchanged: '⚪', failed: '❌', skipped: '⏸️' } as const;

const renderApplied = (report: AppliedReport): string => {
  const failedAccounts = report.accounts.filter((a) => a.state === 'failed').length;
  const failedGroups = report.groups.filter((g) => g.state === 'failed').length;
  const skipped = report.groups.filter((g) => g.state === 'skipped').length;
  const headline = report.failed
    ? `❌ Apply finished with problems: ${failedAccounts} account(s) failed, ${failedGroups} group(s) failed, ${skipped} group(s) left as they were.`
    : report.groups.length === 0 && report.accounts.every((a) => a.state === 'unchanged')
      ? '✅ No changes. AWS already matched the files.'
      : `✅ Applied: ${report.accounts.filter((a) => a.state === 'done').length} stack(s) changed, ${report.groups.length} group(s) changed.`;
  const accountRows = report.accounts.map(
    (a) =>
      `| ${icon[a.state]} | ${code(a.accountName)} | ${code(a.accountId)} | ${escapeMarkdown(a.detail)} |`,
  );
  const groupRows = report.groups.map(
    (g) => `| ${icon[g.state]} | ${code(g.group)} | ${escapeMarkdown(g.detail)} |`,
  );
  return [
    reportHeading('apply'),
    '',
    headline,
    '',
    '### Accounts',
    '',
    '| | Account | Id | Outcome |',
    '| --- | --- | --- | --- |',
    ...accountRows,
    '',
    `### Master account (${code(report.plan.masterAccountId)})`,
    '',
    ...(groupRows.length > 0
      ? ['| | Group | Outcome |', '| --- | --- | --- |', ...groupRows]
      : ['No group changes.']),
    '',
  ].join('\n');
};

const renderUnreviewedApply = (report: ApplyReport): string =>
  [reportHeading('apply'), '', renderReviewSection(report)].join('\n');

export const renderApplyReport = (report: ApplyReport): string =>
  report.outcome === 'applied'
    ? `${renderApplied(report)}\n${renderReviewSection(report)}`
    : report.outcome === 'unreviewed'
      ? renderUnreviewedApply(report)
      : `${reportHeading('apply')}\n\n❌ The plan has errors; nothing was applied.\n\n${renderDiagnostics(report.plan.diagnostics)}`;
