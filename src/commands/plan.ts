// `plan`: validate, read live AWS (never changing it), compute the plan. The publisher shows
// it in the pull request's comment, the job summary and the outputs.
import { observe } from '../aws/observe.ts';
import { observeOptions } from '../aws/wait-timing.ts';
import { errorText } from '../aws/error-text.ts';
import type { PrivilegeInput } from '../core/access/types.ts';
import { hasErrors } from '../core/diagnostics.ts';
import type { ChangeReview, Repository } from '../core/load-repository.ts';
import { plan } from '../core/plan/plan.ts';
import type { Plan } from '../core/plan/types.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import { renderPlanSummaryLine } from '../core/render/summary-line.ts';
import type { PlanContext, PlanReport, RunReport } from '../core/report/types.ts';
import { fingerprintOf } from '../core/review/fingerprint.ts';
import { approvalStatusOf } from './approval-status.ts';
import { membershipsOf } from '../core/users/base-members.ts';
import { baseEndsOf } from './base-ends.ts';
import { baseCommitReader } from '../io/base-reader.ts';
import { fromBase, loadBaseRepository } from '../io/base-repository.ts';
import type { BaseRepository } from '../io/base-repository.ts';
import type { RunContext } from '../run-context.ts';
import { filesHaveErrors, loadFiles, openAws } from './prepare.ts';
import type { Services } from './services.ts';

const planContextOf = (context: RunContext): PlanContext => ({
  headSha: context.pullRequest?.headSha || context.sha,
  runUrl: context.runUrl,
  comment:
    context.pullRequest && context.inputs.comment ? { pullRequest: context.pullRequest.number } : undefined,
  // The required check lives on the pull request's head commit; a fork's cannot be set.
  statusSha:
    context.pullRequest && !context.foreignHead ? context.pullRequest.headSha || undefined : undefined,
});

/** The repository on the pull request's base commit; undefined when the run has no base. */
export const readBase = async (
  context: RunContext,
  services: Services,
): Promise<BaseRepository | undefined> => {
  const sha = context.pullRequest?.baseSha;
  if (sha === undefined) return undefined;
  const reader = baseCommitReader({
    workspace: context.workspace,
    sha,
    repository: context.repository,
    github: services.github,
  });
  const base = await loadBaseRepository(
    reader,
    context.inputs.config,
    { input: context.inputs.awsRegion, environment: context.environmentRegion },
    context.now,
  );
  if (base.kind === 'unreadable')
    services.log.info(`The base commit ${sha} could not be read: ${base.reason}`);
  return base;
};

/** Who was in each group on the base: tells removals made in git from members added by hand. */
const baseMembersOf = (base: BaseRepository | undefined) =>
  fromBase(base, (files) => membershipsOf(files.users, files.teams), new Map());

/** A pull request's files are a change to its base: the grants they add are judged against it. */
const changeOf = (base: BaseRepository | undefined): ChangeReview | undefined =>
  base === undefined
    ? undefined
    : {
        base: fromBase(base, (files) => ({ users: files.users, teams: files.teams }), {
          users: new Map(),
          teams: [],
        }),
      };

/** The roles of both templates, analysed; a base without RoleModel had no roles. */
export const privilegesOf = (repository: Repository, base: BaseRepository | undefined): PrivilegeInput => ({
  current: analyzeRoles(repository.template),
  base: fromBase(base, (files) => analyzeRoles(files.template), new Map()),
  ...(base?.kind === 'unreadable' ? { baseUnreadable: true } : {}),
});

/** The plan's own verdict: errors in it (unknown users) or accounts it could not plan fail the run. */
const planVerdict = (result: Plan): { failed: boolean; headline: string } => {
  const line = renderPlanSummaryLine(result.summary);
  const troubled = result.stacks.filter((s) => s.action === 'error' || s.action === 'blocked');
  if (!hasErrors(result.diagnostics) && troubled.length === 0) return { failed: false, headline: line };
  const why = troubled.map((s) => `${s.accountName}: ${s.reason ?? s.action}`);
  return { failed: true, headline: [`The plan has problems. ${line}`, ...why].join('\n') };
};

export const planCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const where = planContextOf(context);
  // The base first: the grants a pull request adds are judged against it with the other checks.
  const base = await readBase(context, services);
  const { repository, diagnostics } = loadFiles(context, services, changeOf(base));
  if (!repository || hasErrors(diagnostics)) {
    const headline = filesHaveErrors(diagnostics);
    return { kind: 'plan', outcome: 'invalid-files', failed: true, headline, diagnostics, ...where };
  }
  if (context.foreignHead) {
    services.log.info(
      "Pull request from another repository: the files are valid; RoleModel never reads AWS with a fork's files.",
    );
    const headline = 'Files valid; plan skipped for a pull request from a fork.';
    // No comment: the job summary says why there is no plan.
    return {
      kind: 'plan',
      outcome: 'fork',
      failed: false,
      headline,
      diagnostics,
      ...where,
      comment: undefined,
      statusSha: undefined,
    };
  }
  const prepared = openAws('plan', context, services, repository, diagnostics);
  if (!prepared.ok) return prepared.report;
  const { timing } = context;
  let observation;
  try {
    observation = await services.log.group('Reading AWS', () =>
      observe(
        repository,
        prepared.session,
        observeOptions(timing, 'plan', context.inputs.maxConcurrency, {
          warn: (message) => services.log.warning(message),
          onAccount: (a) =>
            services.log.info(
              `${a.accountName} (${a.accountId}): ${a.review.kind}${'reason' in a.review ? ` — ${a.review.reason}` : ''}`,
            ),
        }),
      ),
    );
  } catch (e) {
    const error = e instanceof Error ? e.message : errorText(e);
    const report: PlanReport = {
      kind: 'plan',
      outcome: 'aws-unreadable',
      error,
      failed: true,
      headline: error,
      diagnostics,
      ...where,
    };
    return report;
  }
  const privileges = privilegesOf(repository, base);
  const result = plan({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts: observation.accounts,
    master: observation.master,
    baseMembers: baseMembersOf(base),
    baseEnds: baseEndsOf(base),
    privileges,
  });
  const fingerprint = fingerprintOf({
    head: where.headSha,
    base: context.pullRequest?.baseSha,
    groups: result.groups,
    privileges,
    escalations: result.access?.warnings ?? [],
  });
  const approval =
    where.statusSha === undefined
      ? undefined
      : await approvalStatusOf(
          context,
          services,
          { sha: where.statusSha, repository, escalations: fingerprint.escalations },
          base,
        );
  return {
    kind: 'plan',
    outcome: 'planned',
    plan: result,
    fingerprint,
    approval,
    ...planVerdict(result),
    // Problems found while planning (unknown users, name clashes) count as errors of the files.
    diagnostics: [...diagnostics, ...result.diagnostics],
    ...where,
  };
};
