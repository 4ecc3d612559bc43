// What an update did, for a terminal: each account's stack outcome, each group's, and a
// closing line that says whether everything converged.
import { applyFailed } from '../../report/types.ts';
import type { AccountResult, Applied, GroupResult } from '../../report/types.ts';
import { renderPlanSummaryLine } from '../summary-line.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';
import type { CellInput } from './table.ts';

const mark = (state: AccountResult['state'] | GroupResult['state'], style: Style): CellInput =>
  state === 'failed'
    ? { text: 'failed', paint: style.red }
    : state === 'skipped'
      ? { text: 'skipped', paint: style.yellow }
      : state === 'unchanged'
        ? { text: 'unchanged', paint: style.dim }
        : { text: 'done', paint: style.green };

export const renderApplyReportText = (report: Applied, style: Style): string => {
  const accounts = columns(
    report.accounts.map((a) => [mark(a.state, style), `${a.accountName} (${a.accountId})`, a.detail]),
    '  ',
  );
  const groups = columns(
    report.groups.map((g) => [mark(g.state, style), g.group, g.detail]),
    '  ',
  );
  const closing = applyFailed(report)
    ? style.red('Update finished with failures; fix them and run `rolemodel update` again.')
    : style.green(clean(`Updated. ${renderPlanSummaryLine(report.plan.summary)}`));
  return [
    style.bold('Accounts'),
    ...accounts,
    '',
    style.bold(clean(`Master account ${report.plan.masterAccountId}`)),
    ...(groups.length > 0 ? groups : ['  no group changes']),
    '',
    closing,
    '',
  ].join('\n');
};
