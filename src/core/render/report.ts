// Every report as Markdown, for where it goes: the pull request's comment (65,000
// characters), the job summary (1 MB) or the `plan-markdown` file (whole).
import { countErrors } from '../diagnostics.ts';
import type { PlanReport, RunReport, ValidateReport } from '../report/types.ts';
import { commandOf } from '../report/types.ts';
import { renderApplyReport } from './apply-report.ts';
import { renderDeleteReport } from './delete-report.ts';
import { renderDiagnostics } from './diagnostics.ts';
import { renderExpireReport } from './expire-report.ts';
import { escapeMarkdown } from './escape.ts';
import { renderForkNote } from './fork-note.ts';
import { reportHeading } from './heading.ts';
import { JOB_SUMMARY_MAX_BYTES } from './limit.ts';
import { renderListing } from './listing.ts';
import { plural } from './markdown.ts';
import { DEFAULT_MAX_LENGTH, markerLines, renderPlan } from './plan.ts';
import { renderProblems } from './problems.ts';
import { renderValidSummary } from './valid-summary.ts';
import { renderApprovalReport, renderApprovalsNeeded } from './approvals.ts';
import { encodeFingerprint } from '../review/encoding.ts';

export type ReportTarget = 'comment' | 'job-summary' | 'whole';

/** Room left for the title and marker when the problems of a plan fill a comment. */
const PROBLEMS_MARGIN = 2_000;

/** A plan comment that holds no plan: the files' problems, or why AWS could not be read. */
const planProblem = (report: PlanReport, title: string, text: string): string =>
  [...markerLines(report.headSha), '', reportHeading('plan'), '', `❌ ${title}`, '', text, ''].join('\n');

const renderPlanReport = (report: PlanReport, target: ReportTarget): string => {
  switch (report.outcome) {
    case 'planned':
      return renderPlan(report.plan, {
        ...(report.headSha ? { headSha: report.headSha } : {}),
        fingerprint: encodeFingerprint(report.fingerprint),
        headNotes: renderApprovalsNeeded(report.approval?.verdict),
        ...(report.runUrl ? { runUrl: report.runUrl } : {}),
        validationDiagnostics: report.diagnostics,
        target: target === 'comment' ? 'comment' : 'job-summary',
        ...(target === 'whole' ? { maxLength: Number.MAX_SAFE_INTEGER } : {}),
      });
    case 'invalid-files': {
      const errors = countErrors(report.diagnostics);
      const title = `${plural(errors, 'error')} in the RoleModel files; nothing was planned.`;
      // The comment keeps as many problems as fit GitHub's limit; the job summary has them all.
      const problems =
        target === 'comment'
          ? renderProblems(report.diagnostics, DEFAULT_MAX_LENGTH - PROBLEMS_MARGIN)
          : renderDiagnostics(report.diagnostics);
      return planProblem(report, title, problems);
    }
    case 'fork':
      return [...markerLines(report.headSha), '', reportHeading('plan'), '', renderForkNote()].join('\n');
    case 'aws-unreadable':
      return planProblem(report, 'Could not read AWS; nothing was planned.', escapeMarkdown(report.error));
  }
};

const renderValidateReport = (report: ValidateReport): string =>
  [
    reportHeading('validate'),
    '',
    ...(report.desired === undefined ? [] : [renderValidSummary(report.desired)]),
    renderDiagnostics(report.diagnostics),
  ].join('\n');

/** Why the run stopped before its command could start. */
const renderStopped = (report: RunReport): string =>
  [
    reportHeading(commandOf(report)),
    '',
    `❌ ${escapeMarkdown(report.headline)}`,
    '',
    renderDiagnostics(report.diagnostics),
  ].join('\n');

export const renderReport = (report: RunReport, target: ReportTarget): string => {
  switch (report.kind) {
    case 'validate':
      return renderValidateReport(report);
    case 'plan':
      return renderPlanReport(report, target);
    case 'apply':
      return renderApplyReport(report);
    case 'list':
      return renderListing(
        report.listing,
        target === 'whole' ? Number.MAX_SAFE_INTEGER : JOB_SUMMARY_MAX_BYTES,
      );
    case 'delete':
      return renderDeleteReport(report);
    case 'approval':
      return renderApprovalReport(report);
    case 'expire':
      return renderExpireReport(report, target === 'whole');
    case 'stopped':
      return renderStopped(report);
  }
};

/** Said in the job summary when the drift issue could not be opened, updated or closed. */
export const renderDriftIssueFailure = (reason: string): string =>
  [
    `⛔ **The \`rolemodel-drift\` issue could not be updated** (${escapeMarkdown(reason)}): it may not say what this run found. This job summary does.`,
    '',
  ].join('\n');

/** Said in the job summary when the plan comment on the pull request could not be brought up to date. */
export const renderStaleCommentNote = (pullRequest: number, reason: string): string =>
  [
    `⛔ **The plan comment on #${pullRequest} is out of date**: it could not be updated (${escapeMarkdown(reason)}). Do not review or merge from that comment; this job summary holds the current plan. Re-run the job once the problem is fixed.`,
    '',
  ].join('\n');
