// The job summary of an apply: what was done per account and in the master account.
import type { Plan } from '../plan/types.ts';
import { code, escapeMarkdown } from './escape.ts';

export interface AccountResult {
  readonly accountName: string;
  readonly accountId: string;
  readonly state: 'unchanged' | 'done' | 'failed';
  /** What was done, or why it failed (a stack event's reason). */
  readonly detail: string;
}

export interface GroupResult {
  readonly group: string;
  readonly state: 'done' | 'failed' | 'skipped';
  readonly detail: string;
}

export interface ApplyReport {
  readonly plan: Plan;
  readonly accounts: readonly AccountResult[];
  readonly groups: readonly GroupResult[];
  readonly mutatingCalls: number;
}

const icon = { done: '✅', unchanged: '⚪', failed: '❌', skipped: '⏸️' } as const;

export const applyFailed = (report: ApplyReport): boolean =>
  report.accounts.some((a) => a.state === 'failed') || report.groups.some((g) => g.state !== 'done');

export const renderApplyReport = (report: ApplyReport): string => {
  const failedAccounts = report.accounts.filter((a) => a.state === 'failed').length;
  const failedGroups = report.groups.filter((g) => g.state === 'failed').length;
  const skipped = report.groups.filter((g) => g.state === 'skipped').length;
  const headline = applyFailed(report)
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
    '## RoleModel apply',
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
