// One plan comment per pull request: found again by its hidden marker among all pages of
// comments, edited in place, created when absent, left alone when unchanged.
import type { GitHubClient } from './client.ts';
import type { RepositoryRef } from '../run-context.ts';

export type CommentResult = {
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly id: number;
  readonly url: string;
};

export const upsertComment = async (
  client: GitHubClient,
  repository: RepositoryRef,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<CommentResult> => {
  const comments = await client.paginate(client.rest.issues.listComments, {
    ...repository,
    issue_number: issueNumber,
    per_page: 100,
  });
  // Only a bot's comment is ours: a person could post the marker to have their text kept as the plan.
  const existing = comments.find((c) => c.body?.startsWith(marker) && c.user?.type === 'Bot');
  if (!existing) {
    const created = await client.rest.issues.createComment({
      ...repository,
      issue_number: issueNumber,
      body,
    });
    return { action: 'created', id: created.data.id, url: created.data.html_url };
  }
  if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
  const updated = await client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body });
  return { action: 'updated', id: updated.data.id, url: updated.data.html_url };
};
