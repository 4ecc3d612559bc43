// Apply's proof that it grants nothing beyond what was reviewed: the pull requests that
// merged the commit, the reviewed result each one's plan comment records, checked against
// what that pull request's own files give (a comment any workflow could write counts only
// when it says what RoleModel would have said), the roles as the default branch had them
// before, and every widening of this apply classified against them.
import type { Observation } from '../aws/observe.ts';
import type { Repository } from '../core/load-repository.ts';
import { plan as planOf } from '../core/plan/plan.ts';
import type { Plan } from '../core/plan/types.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import type { RegionSources } from '../core/region.ts';
import type { ReviewCheck } from '../core/report/types.ts';
import { classifyWidenings } from '../core/review/classify.ts';
import type { ReviewedPlan } from '../core/review/classify.ts';
import { fingerprintOf, sameResult, unionOfEscalations } from '../core/review/fingerprint.ts';
import type { Fingerprint } from '../core/review/fingerprint.ts';
import { checkApprovals, sameRules } from './approval-check.ts';
import { pushedCommitsOf } from '../github/event-payload.ts';
import { mergedPullRequests, planCommentOf } from '../github/reviewed-plans.ts';
import type { PlanComment } from '../github/reviewed-plans.ts';
import { baseCommitReader } from '../io/base-reader.ts';
import { fromBase, loadBaseRepository } from '../io/base-repository.ts';
import type { BaseRepository } from '../io/base-repository.ts';
import type { RunContext } from '../run-context.ts';
import type { Services } from './services.ts';

/** Commits of a push looked up for their pull requests: a rebase merge brings several. */
const MAX_COMMITS = 20;

const regionsOf = (context: RunContext): RegionSources => ({
  input: context.inputs.awsRegion,
  environment: context.environmentRegion,
});

/** The repository at another commit, through the same loader as the workspace's. */
const repositoryAt = (context: RunContext, services: Services, sha: string): Promise<BaseRepository> =>
  loadBaseRepository(
    baseCommitReader({
      workspace: context.workspace,
      sha,
      repository: context.repository,
      github: services.github,
    }),
    context.inputs.config,
    regionsOf(context),
    context.now,
  );

/**
 * A plan comment counts when its result is of the commit merged and is what the pull
 * request's files at that commit give, against the accounts as they are now.
 */
const verified = async (
  context: RunContext,
  services: Services,
  observation: Observation,
  comment: PlanComment,
): Promise<ReviewedPlan> => {
  const { pullRequest, fingerprint } = comment;
  if (fingerprint === undefined) return { pullRequest, fingerprint: undefined, problem: 'missing' };
  if (fingerprint.head !== comment.headSha) return { pullRequest, fingerprint: undefined, problem: 'stale' };
  const head = await repositoryAt(context, services, comment.headSha);
  if (head.kind !== 'loaded') return { pullRequest, fingerprint: undefined, problem: 'mismatch' };
  const { repository } = head;
  const privileges = { current: analyzeRoles(repository.template), base: undefined };
  const recomputedPlan = planOf({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts: observation.accounts,
    master: observation.master,
    privileges,
  });
  const recomputed = fingerprintOf({
    head: comment.headSha,
    base: fingerprint.base,
    groups: recomputedPlan.groups,
    privileges,
    escalations: recomputedPlan.access?.warnings ?? [],
  });
  if (!sameResult(fingerprint, recomputed))
    return { pullRequest, fingerprint: undefined, problem: 'mismatch' };
  // The ends the reviewed files give (the comment carries none), and every escalation they
  // make against AWS now besides those the comment records: a comment's list of escalations
  // is anyone's text, so dropping one from it cannot spare its approval.
  const checked: Fingerprint = {
    ...fingerprint,
    ends: recomputed.ends,
    escalations: unionOfEscalations(fingerprint.escalations, recomputed.escalations),
  };
  return {
    pullRequest,
    fingerprint: checked,
    unapproved: await unapprovedAtMerge(context, services, comment, checked, repository),
  };
};

/**
 * The guarded escalations of a merged pull request that had no approval from their approvers
 * (the rules of the base it was planned on) on the commit merged.
 */
const unapprovedAtMerge = async (
  context: RunContext,
  services: Services,
  comment: PlanComment,
  fingerprint: Fingerprint,
  head: Repository,
): Promise<ReadonlySet<string>> => {
  const base =
    fingerprint.base === undefined ? undefined : await repositoryAt(context, services, fingerprint.base);
  const rules = fromBase(base, (files) => files.config.approvals, new Map()) ?? head.config.approvals;
  const verdict = await checkApprovals(context, services, {
    rules,
    escalations: fingerprint.escalations,
    approvalsChanged: base?.kind === 'loaded' && !sameRules(rules, head.config.approvals),
    pullRequest: comment.pullRequest,
    headSha: comment.headSha,
    author: comment.author,
  });
  return verdict.unapproved;
};

/** The merged pull requests of the commit being applied, and what each one's plan recorded. */
const reviewedPlans = async (
  context: RunContext,
  services: Services,
  observation: Observation,
): Promise<ReviewedPlan[]> => {
  const { github, log } = services;
  const { repository } = context;
  if (github === undefined || repository === undefined || context.sha === undefined) {
    log.warning('No GitHub token or repository: the reviewed plans of merged pull requests cannot be read.');
    return [];
  }
  const pushed = context.eventName === 'push' ? pushedCommitsOf(context.payload).commits : [];
  const shas = [...new Set([context.sha, ...pushed.slice(-MAX_COMMITS)])];
  const pulls = await mergedPullRequests(github, repository, shas, context.defaultBranch);
  log.info(
    `Merged pull requests of ${context.sha.slice(0, 7)}: ${pulls.map((n) => `#${n}`).join(', ') || 'none'}`,
  );
  const comments = await Promise.all(pulls.map((n) => planCommentOf(github, repository, n)));
  const checked = await Promise.all(comments.map((c) => verified(context, services, observation, c)));
  for (const c of checked)
    if (c.problem) log.info(`The plan comment of #${c.pullRequest} counts for nothing: ${c.problem}`);
  return checked;
};

/** The files the default branch had before this push; undefined when not a push. */
export const pushBase = async (
  context: RunContext,
  services: Services,
): Promise<BaseRepository | undefined> => {
  const before = context.eventName === 'push' ? pushedCommitsOf(context.payload).before : undefined;
  return before === undefined ? undefined : repositoryAt(context, services, before);
};

/** The roles of the template the default branch had before this push; undefined when unknown. */
const rolesBefore = (base: BaseRepository | undefined) =>
  fromBase(base, (files) => analyzeRoles(files.template), new Map());

export const checkReviewed = async (
  context: RunContext,
  services: Services,
  repository: Repository,
  observation: Observation,
  plan: Plan,
  base: BaseRepository | undefined,
): Promise<ReviewCheck> => {
  const reviewed = await reviewedPlans(context, services, observation);
  return {
    reviewed,
    widenings: classifyWidenings({
      plan,
      current: analyzeRoles(repository.template),
      before: rolesBefore(base),
      reviewed,
    }),
    mode: context.inputs.unreviewed,
  };
};
