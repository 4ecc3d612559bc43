// Whose approval an escalation needs: a block under the plan's warnings (what the rules ask,
// not whether it was given: the `rolemodel/approval` check says that), and the report of a
// run that worked the check out again after a review.
import type { ApprovalVerdict } from '../approvals/verdict.ts';
import { approverText } from '../approvals/types.ts';
import type { ApprovalReport } from '../report/types.ts';
import { code, escapeMarkdown } from './escape.ts';
import { reportHeading } from './heading.ts';
import { listSome, tableHeader, tableRow } from './markdown.ts';

/** Guarded escalations named in the block before "and N more". */
const MAX_NAMED = 5;

const approvers = (verdict: ApprovalVerdict, key: string): string =>
  [
    ...new Set(
      verdict.outcomes
        .filter((o) => o.guarded.key === key)
        .flatMap((o) => o.guarded.approvers.map(approverText)),
    ),
  ]
    .map(code)
    .join(' or ');

/** Under the escalation warnings: which approvals the change needs; nothing when none. */
export const renderApprovalsNeeded = (verdict: ApprovalVerdict | undefined): string[] => {
  if (verdict === undefined || verdict.outcomes.length === 0) return [];
  const keys = [...new Set(verdict.outcomes.map((o) => o.guarded.key))];
  const lines = keys.map((key) => {
    const what = verdict.outcomes
      .filter((o) => o.guarded.key === key)
      .map((o) => escapeMarkdown(o.guarded.what));
    return `- ${code(key)}: ${approvers(verdict, key)} (${listSome(what, MAX_NAMED)})`;
  });
  return [
    [
      '🔐 **This change needs the approval of:** (an approving review of the head commit, not by its author; the `rolemodel/approval` check turns green once given)',
      '',
      ...lines,
    ].join('\n'),
  ];
};

export const renderApprovalReport = (report: ApprovalReport): string => {
  const status = report.approval;
  const lead =
    status === undefined
      ? `No status was set on #${report.pullRequest}: ${escapeMarkdown(report.headline)}`
      : `${status.state === 'success' ? '✅' : '⏳'} \`rolemodel/approval\` on #${report.pullRequest} (${code(status.sha.slice(0, 7))}): ${escapeMarkdown(status.description)}`;
  const rows = (status?.verdict?.outcomes ?? []).map((o) =>
    tableRow([
      code(o.guarded.key),
      escapeMarkdown(o.guarded.what),
      o.guarded.approvers.map((a) => code(approverText(a))).join(', '),
      o.approvedBy === undefined
        ? o.unreadableTeams.length > 0
          ? `cannot read ${o.unreadableTeams.map(code).join(', ')}`
          : 'waiting'
        : `approved by ${code(o.approvedBy)}`,
    ]),
  );
  return [
    reportHeading('approval'),
    '',
    lead,
    '',
    ...(rows.length > 0 ? [...tableHeader(['Kind', 'What', 'Approvers', 'Approval']), ...rows, ''] : []),
  ].join('\n');
};
