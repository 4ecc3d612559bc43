// One plan comment per pull request: found again by its hidden marker among all pages of
// comments, edited in place, created when absent, left alone when unchanged.
import * as github from '@actions/github';

export type CommentResult = {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url: string;
};

export interface CommentTarget {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
}

export const upsertComment = async (
  target: CommentTarget,
  marker: string,
  body: string,
): Promise<CommentResult> => {
  const octokit = github.getOctokit(target.token);
  const { owner, repo, issueNumber } = target;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // Only a bot's comment is ours: a person could post the marker to have their text kept as the plan.
  const existing = comments.find((c) => c.body?.startsWith(marker) && c.user?.type === 'Bot');
  if (!existing) {
    const created = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: 'created', id: created.data.id, url: created.data.html_url };
  }
  if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
  const updated = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  return { action: 'updated', id: updated.data.id, url: updated.data.html_url };
};
