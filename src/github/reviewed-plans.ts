// What was reviewed before a commit reached the default branch: the pull requests that
// merged it (merge, squash and rebase merges alike), and the reviewed result each one's plan
// comment records. Read-only; a comment counts only when a bot wrote it.
import { fingerprintInComment } from '../core/review/encoding.ts';
import type { Fingerprint } from '../core/review/fingerprint.ts';
import { PLAN_MARKER } from '../core/render/plan.ts';
import type { RepositoryRef } from '../run-context.ts';
import type { GitHubClient } from './client.ts';

/** Pull requests merged into `branch` whose commits include one of `shas`, oldest number first. */
export const mergedPullRequests = async (
  client: GitHubClient,
  repository: RepositoryRef,
  shas: readonly string[],
  branch: string | undefined,
): Promise<number[]> => {
  const found = new Set<number>();
  for (const sha of shas) {
    const pulls = await client.paginate(client.rest.repos.listPullRequestsAssociatedWithCommit, {
      ...repository,
      commit_sha: sha,
      per_page: 100,
    });
    for (const pr of pulls) {
      if (pr.merged_at === null || pr.merged_at === undefined) continue;
      if (branch !== undefined && pr.base.ref !== branch) continue;
      found.add(pr.number);
    }
  }
  return [...found].sort((a, b) => a - b);
};

export interface PlanComment {
  readonly pullRequest: number;
  /** The head commit the pull request was merged at. */
  readonly headSha: string;
  readonly author: string | undefined;
  /** The reviewed result its plan comment records; undefined when there is none. */
  readonly fingerprint: Fingerprint | undefined;
}

/** The pull request's head at merge, and the reviewed result in its plan comment. */
export const planCommentOf = async (
  client: GitHubClient,
  repository: RepositoryRef,
  pullRequest: number,
): Promise<PlanComment> => {
  const [{ data: pull }, comments] = await Promise.all([
    client.rest.pulls.get({ ...repository, pull_number: pullRequest }),
    client.paginate(client.rest.issues.listComments, {
      ...repository,
      issue_number: pullRequest,
      per_page: 100,
    }),
  ]);
  const plan = comments.find((c) => c.body?.startsWith(PLAN_MARKER) && c.user?.type === 'Bot');
  return {
    pullRequest,
    headSha: pull.head.sha,
    author: pull.user?.login,
    fingerprint: plan?.body === undefined ? undefined : fingerprintInComment(plan.body),
  };
};
