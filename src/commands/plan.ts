// `plan`: validate, read live AWS (never changing it), compute the plan, and show it in the
// pull request's comment, the job summary and the outputs.
import * as core from '@actions/core';
import { setOutput } from '../github/outputs.ts';
import { accessChangesOutput } from '../core/access/output.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import type { Repository } from '../core/load-repository.ts';
import { plan } from '../core/plan/plan.ts';
import type { Plan } from '../core/plan/types.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import type { RolePrivilege } from '../core/privilege/privilege.ts';
import { renderDiagnostics } from '../core/render/diagnostics.ts';
import { escapeMarkdown } from '../core/render/escape.ts';
import { renderProblems } from '../core/render/problems.ts';
import {
  DEFAULT_MAX_LENGTH,
  markerLines,
  PLAN_MARKER,
  renderForkNote,
  renderPlan,
  renderPlanSummaryLine,
} from '../core/render/plan.ts';
import { parseBaseTemplate, templatePathOf } from '../core/template/base-template.ts';
import { membershipsOf } from '../core/users/base-members.ts';
import { observe } from '../aws/observe.ts';
import { annotate } from '../github/annotations.ts';
import { publishComment, publishOutputs } from '../github/publish.ts';
import type { Publication } from '../github/publish.ts';
import { pullRequestInfo } from '../github/pull-request.ts';
import type { PullRequestInfo } from '../github/pull-request.ts';
import { readBaseFile } from '../io/base-file.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { prepare } from './prepare.ts';
import { runTiming, runUrl } from './run-facts.ts';

const header = (sha: string | undefined): string => `${markerLines(sha).join('\n')}\n`;

/** A body for a run that produced no plan: the files' problems, or why AWS could not be read. */
const problemBody = (sha: string | undefined, title: string, text: string): string =>
  `${header(sha)}## RoleModel plan\n\n❌ ${title}\n\n${text}\n`;

const publishAll = async (
  context: RunContext,
  pr: PullRequestInfo | undefined,
  publication: Publication,
): Promise<void> => {
  await publishOutputs(publication);
  if (pr && context.inputs.comment) await publishComment(context.inputs.githubToken, pr, publication);
};

const baseMembers = async (context: RunContext, repository: Repository, pr: PullRequestInfo | undefined) => {
  const usersFile = repository.config.usersFile;
  if (!pr?.baseSha || !usersFile) return undefined;
  const base = await readBaseFile(
    context.workspace,
    context.inputs.githubToken,
    process.env['GITHUB_REPOSITORY'] ?? '',
    pr.baseSha,
    usersFile,
  );
  // A user map that did not exist on the base: every member in AWS was added outside git.
  if (base === undefined) return undefined;
  return membershipsOf(base === 'absent' ? '' : base.text);
};

/**
 * The roles of the base branch's template, analysed. The base config says where that
 * template was (a pull request that moves the file cannot hide the old roles); a base without
 * it had no roles. `unreadable` when a base exists but could not be read.
 */
const baseRoles = async (
  context: RunContext,
  repository: Repository,
  pr: PullRequestInfo | undefined,
): Promise<ReadonlyMap<string, RolePrivilege> | 'unreadable' | undefined> => {
  if (!pr?.baseSha) return undefined;
  const read = (path: string) =>
    readBaseFile(
      context.workspace,
      context.inputs.githubToken,
      process.env['GITHUB_REPOSITORY'] ?? '',
      pr.baseSha ?? '',
      path,
    );
  const baseConfig = await read(context.inputs.config);
  if (baseConfig === undefined) return 'unreadable';
  const file = baseConfig === 'absent' ? undefined : templatePathOf(context.inputs.config, baseConfig.text);
  if (file === undefined) return new Map();
  const base = await read(file);
  if (base === undefined) return 'unreadable';
  if (base === 'absent') return new Map();
  const template = parseBaseTemplate(file, base.text);
  return template === undefined ? 'unreadable' : analyzeRoles(template);
};

/** `escalations` and `access-changes`: small enough for a workflow's `if:`. */
const publishAccessOutputs = (result: Plan): void => {
  if (result.access === undefined) return;
  setOutput('escalations', String(result.access.escalations));
  setOutput('access-changes', JSON.stringify(accessChangesOutput(result.access)));
  if (result.access.escalations > 0)
    core.warning(
      `This change escalates access (${result.access.escalations} warning(s)): ${result.access.warnings
        .slice(0, 3)
        .map((w) => w.message)
        .join('; ')}${result.access.escalations > 3 ? '; ...' : ''}`,
    );
};

const baseInput = (base: ReadonlyMap<string, RolePrivilege> | 'unreadable' | undefined) =>
  base === 'unreadable' ? { base: undefined, baseUnreadable: true } : { base };

const planJson = (result: Plan) => ({
  command: 'plan',
  ...result,
});

export const planCommand = async (context: RunContext): Promise<CommandOutcome> => {
  const pr = pullRequestInfo(context.payload);
  const sha = pr?.headSha || process.env['GITHUB_SHA'];
  const prepared = prepare(context);
  if (!prepared.ok && !hasErrors(prepared.diagnostics)) return { failed: true, headline: prepared.headline };
  if (!prepared.ok) {
    const { diagnostics } = prepared;
    const errors = countErrors(diagnostics);
    const title = `${errors} error${errors === 1 ? '' : 's'} in the RoleModel files; nothing was planned.`;
    // The comment keeps as many problems as fit GitHub's limit; the job summary has them all.
    const commentBody = problemBody(sha, title, renderProblems(diagnostics, DEFAULT_MAX_LENGTH - 2_000));
    const body = problemBody(sha, title, renderDiagnostics(diagnostics));
    await publishAll(context, pr, {
      commentBody,
      marker: PLAN_MARKER,
      summaryMarkdown: body,
      json: { command: 'plan', diagnostics },
      hasChanges: false,
    });
    return { failed: true, headline: `${errors} error(s) in the RoleModel files; see the annotations.` };
  }
  const { repository, diagnostics, session } = prepared;

  const tokenAvailable = Boolean(process.env['ACTIONS_ID_TOKEN_REQUEST_URL']);
  if (pr?.fromFork && context.inputs.credentials === 'oidc' && !tokenAvailable) {
    const body = `${header(sha)}## RoleModel plan\n\n${renderForkNote()}\n`;
    await publishOutputs({
      commentBody: body,
      marker: PLAN_MARKER,
      summaryMarkdown: body,
      json: { command: 'plan', skipped: 'fork', diagnostics },
      hasChanges: false,
    });
    core.notice(
      'Pull request from a fork: the files are valid; the plan against AWS was skipped (GitHub gives forks no OIDC token).',
    );
    return { failed: false, headline: 'Files valid; plan skipped for a pull request from a fork.' };
  }

  const timing = runTiming();
  let observation;
  try {
    observation = await core.group('Reading AWS', () =>
      observe(repository, session, {
        maxConcurrency: context.inputs.maxConcurrency,
        keepChangeSets: false,
        changeSetName: timing.changeSetName('plan'),
        maxWaitSeconds: timing.planWaitSeconds,
        pollDelayMs: timing.pollDelayMs,
        maxPollDelayMs: timing.maxPollDelayMs,
        warn: (message: string) => core.warning(message),
        onAccount: (a) =>
          core.info(
            `${a.accountName} (${a.accountId}): ${a.review.kind}${'reason' in a.review ? ` — ${a.review.reason}` : ''}`,
          ),
      }),
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const body = problemBody(sha, 'Could not read AWS; nothing was planned.', escapeMarkdown(message));
    await publishAll(context, pr, {
      commentBody: body,
      marker: PLAN_MARKER,
      summaryMarkdown: body,
      json: { command: 'plan', error: message },
      hasChanges: false,
    });
    return { failed: true, headline: message };
  }

  const result = plan({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts: observation.accounts,
    master: observation.master,
    baseMembers: await baseMembers(context, repository, pr),
    privileges: {
      current: analyzeRoles(repository.template),
      ...baseInput(await baseRoles(context, repository, pr)),
    },
  });
  annotate(result.diagnostics);
  // Problems found while planning (unknown users, name clashes) count as errors of the files.
  setOutput('error-count', String(countErrors([...diagnostics, ...result.diagnostics])));
  const options = {
    ...(sha ? { headSha: sha } : {}),
    runUrl: runUrl(),
    validationDiagnostics: diagnostics as readonly Diagnostic[],
  };
  const publication: Publication = {
    commentBody: renderPlan(result, options),
    marker: PLAN_MARKER,
    summaryMarkdown: renderPlan(result, { ...options, target: 'job-summary' }),
    fullMarkdown: renderPlan(result, { ...options, maxLength: Number.MAX_SAFE_INTEGER }),
    json: planJson(result),
    hasChanges: result.hasChanges,
  };
  publishAccessOutputs(result);
  await publishAll(context, pr, publication);
  const line = renderPlanSummaryLine(result.summary);
  const troubled = result.stacks.filter((s) => s.action === 'error' || s.action === 'blocked');
  if (hasErrors(result.diagnostics) || troubled.length > 0) {
    const why = troubled.map((s) => `${s.accountName}: ${s.reason ?? s.action}`);
    return { failed: true, headline: [`The plan has problems. ${line}`, ...why].join('\n') };
  }
  return { failed: false, headline: line };
};
