// The one publisher: a run's report becomes its annotations, the pull request's comment, the
// job summary, the step outputs and the process's exit status. Nothing else in the action
// writes any of them.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DRIFT_LABEL,
  DRIFT_MARKER,
  DRIFT_TITLE,
  renderDriftIssue,
  renderDriftResolved,
} from '../core/render/expire-report.ts';
import { PLAN_MARKER } from '../core/render/plan.ts';
import { renderDriftIssueFailure, renderReport, renderStaleCommentNote } from '../core/render/report.ts';
import { reportDocument } from '../core/report/document.ts';
import { logNotes } from '../core/report/log-notes.ts';
import { valueOutputs } from '../core/report/outputs.ts';
import type { RunReport } from '../core/report/types.ts';
import { commandOf } from '../core/report/types.ts';
import type { Log } from '../commands/services.ts';
import type { RepositoryRef } from '../run-context.ts';
import { annotate } from './annotations.ts';
import type { GitHubClient } from './client.ts';
import { httpStatus, isRateLimited } from './client.ts';
import { upsertComment } from './comment.ts';
import { setCommitStatus } from './status.ts';
import { commitStatuses } from '../core/report/status.ts';
import { APPLY_MARKER, renderRefusalComment } from '../core/render/review.ts';
import { syncDriftIssue } from './drift-issue.ts';
import { safeLogText } from './log.ts';

export interface PublishTarget {
  /** Where `plan-json` and `plan-markdown` are written. */
  readonly outputDir: string;
  /** False outside a runner: the report then stays in the `plan-markdown` file. */
  readonly jobSummary: boolean;
  readonly repository: RepositoryRef | undefined;
  readonly github: GitHubClient | undefined;
  readonly log: Log;
  /** The workflow run, linked from statuses and comments. */
  readonly runUrl: string | undefined;
}

/** Why the comment (or the drift issue) could not be written, in words that say what to do. */
const commentFailure = (e: unknown, permission = 'pull-requests: write'): string => {
  const status = httpStatus(e);
  const message = safeLogText(e instanceof Error ? e.message : String(e)).slice(0, 500);
  if (isRateLimited(e))
    return `GitHub's rate limit (HTTP ${status ?? '?'}) held after retries: ${message}. Re-run the job later`;
  if (status === 401 || status === 403 || status === 404)
    return `HTTP ${status}: ${message}. Give the job \`permissions: ${permission}\``;
  return `${status === undefined ? '' : `HTTP ${status}: `}${message}`;
};

/** Opens, updates or closes the drift issue of a scheduled run; the reason it could not, when it could not. */
const publishDriftIssue = async (report: RunReport, target: PublishTarget): Promise<string | undefined> => {
  if (report.kind !== 'expire' || report.outcome !== 'expired') return undefined;
  if (target.github === undefined || target.repository === undefined)
    return 'the run has no GitHub token or repository to write it with';
  try {
    const result = await syncDriftIssue(
      target.github,
      target.repository,
      { marker: DRIFT_MARKER, label: DRIFT_LABEL },
      report.differs
        ? { open: true, title: DRIFT_TITLE, body: renderDriftIssue(report) }
        : { open: false, closingComment: renderDriftResolved(report) },
    );
    target.log.info(
      result.action === 'none'
        ? 'Drift issue: none open, none needed.'
        : `Drift issue ${result.action}: ${result.url ?? `#${result.number ?? '?'}`}`,
    );
    return undefined;
  } catch (e) {
    return commentFailure(e, 'issues: write');
  }
};

/** Posts or edits the plan comment; the reason it could not, when it could not. */
const publishComment = async (report: RunReport, target: PublishTarget): Promise<string | undefined> => {
  if (report.kind !== 'plan' || report.comment === undefined) return undefined;
  const { pullRequest } = report.comment;
  if (target.github === undefined || target.repository === undefined)
    return 'the run has no GitHub token or repository to write it with';
  try {
    const body = renderReport(report, 'comment');
    const result = await upsertComment(target.github, target.repository, pullRequest, PLAN_MARKER, body);
    target.log.info(`Plan comment ${result.action}: ${result.url}`);
    return undefined;
  } catch (e) {
    return commentFailure(e);
  }
};

/** Sets the run's commit statuses; the reason one could not be set, when it could not. */
const publishStatuses = async (report: RunReport, target: PublishTarget): Promise<string | undefined> => {
  const statuses = commitStatuses(report);
  if (statuses.length === 0) return undefined;
  // No token at all (`github-token: ''`): nothing to set them with, said in the log; the checks stay absent.
  if (target.github === undefined || target.repository === undefined) {
    target.log.info(`No GitHub token: ${statuses.map((s) => s.context).join(', ')} not set.`);
    return undefined;
  }
  for (const status of statuses) {
    try {
      await setCommitStatus(target.github, target.repository, status, target.runUrl);
      target.log.info(`Status ${status.context}: ${status.state} on ${status.sha.slice(0, 7)}`);
    } catch (e) {
      const why = commentFailure(e).replace('pull-requests: write', 'statuses: write');
      return `the ${status.context} status could not be set on ${status.sha.slice(0, 7)} (${why})`;
    }
  }
  return undefined;
};

/** When apply refused, each merged pull request is told why and how to go on. */
const publishRefusal = async (report: RunReport, target: PublishTarget): Promise<void> => {
  if (report.kind !== 'apply' || report.outcome !== 'unreviewed') return;
  if (target.github === undefined || target.repository === undefined) return;
  const body = renderRefusalComment(report, target.runUrl);
  for (const { pullRequest } of report.review.reviewed) {
    try {
      await upsertComment(target.github, target.repository, pullRequest, APPLY_MARKER, body);
    } catch (e) {
      core.warning(`Could not comment on #${pullRequest}: ${commentFailure(e)}.`);
    }
  }
};

const writeFileOutput = (target: PublishTarget, name: string, fileName: string, content: string): void => {
  mkdirSync(target.outputDir, { recursive: true });
  const path = join(target.outputDir, fileName);
  writeFileSync(path, content);
  core.setOutput(name, path);
};

const writeOutputs = (report: RunReport, target: PublishTarget): void => {
  for (const [name, value] of Object.entries(valueOutputs(report))) core.setOutput(name, value);
  const command = commandOf(report);
  writeFileOutput(
    target,
    'plan-json',
    `${command}.json`,
    `${JSON.stringify(reportDocument(report), null, 2)}\n`,
  );
  writeFileOutput(target, 'plan-markdown', `${command}.md`, renderReport(report, 'whole'));
};

export const publish = async (report: RunReport, target: PublishTarget): Promise<void> => {
  annotate(report.diagnostics);
  for (const note of logNotes(report)) (note.level === 'warning' ? core.warning : core.notice)(note.text);
  const staleComment = await publishComment(report, target);
  const statusProblem = await publishStatuses(report, target);
  await publishRefusal(report, target);
  const driftIssue = await publishDriftIssue(report, target);
  const stale =
    staleComment !== undefined && report.kind === 'plan' && report.comment !== undefined
      ? renderStaleCommentNote(report.comment.pullRequest, staleComment)
      : driftIssue !== undefined
        ? renderDriftIssueFailure(driftIssue)
        : '';
  // The summary is written whatever else fails, and says when the comment is out of date.
  if (target.jobSummary) await core.summary.addRaw(`${stale}${renderReport(report, 'job-summary')}`).write();
  writeOutputs(report, target);
  const problems = [
    ...(staleComment === undefined
      ? []
      : [`The plan comment on the pull request is out of date: ${staleComment}.`]),
    ...(statusProblem === undefined ? [] : [`The pull request's check is not up to date: ${statusProblem}.`]),
    ...(driftIssue === undefined ? [] : [`The rolemodel-drift issue could not be updated: ${driftIssue}.`]),
  ];
  if (problems.length > 0) core.setFailed([report.headline, ...problems].join('\n'));
  else if (report.failed) core.setFailed(report.headline);
  else target.log.info(report.headline);
};
