// The one drift issue of a repository: found again by its hidden marker among the open issues
// labelled `rolemodel-drift` that a bot wrote, opened when the default branch and AWS differ,
// its body replaced while they still do, and closed (with a comment) once they agree.
import type { RepositoryRef } from '../run-context.ts';
import type { GitHubClient } from './client.ts';

export type DriftIssueWanted =
  | { readonly open: true; readonly title: string; readonly body: string }
  | { readonly open: false; readonly closingComment: string };

export interface DriftIssueResult {
  readonly action: 'opened' | 'updated' | 'unchanged' | 'closed' | 'none';
  readonly number?: number;
  readonly url?: string;
}

export interface DriftIssueMarks {
  readonly marker: string;
  readonly label: string;
}

/** The open issue this action keeps, if any: the oldest, should a race have opened two. */
const findOpen = async (client: GitHubClient, repository: RepositoryRef, marks: DriftIssueMarks) => {
  const open = await client.paginate(client.rest.issues.listForRepo, {
    ...repository,
    state: 'open',
    labels: marks.label,
    per_page: 100,
  });
  // Only a bot's issue is ours: a person could write the marker to have their text kept.
  return open
    .filter((i) => i.pull_request === undefined && i.body?.startsWith(marks.marker) && i.user?.type === 'Bot')
    .sort((a, b) => a.number - b.number)[0];
};

export const syncDriftIssue = async (
  client: GitHubClient,
  repository: RepositoryRef,
  marks: DriftIssueMarks,
  wanted: DriftIssueWanted,
): Promise<DriftIssueResult> => {
  const existing = await findOpen(client, repository, marks);
  if (!wanted.open) {
    if (existing === undefined) return { action: 'none' };
    await client.rest.issues.createComment({
      ...repository,
      issue_number: existing.number,
      body: wanted.closingComment,
    });
    const closed = await client.rest.issues.update({
      ...repository,
      issue_number: existing.number,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', number: closed.data.number, url: closed.data.html_url };
  }
  if (existing === undefined) {
    const created = await client.rest.issues.create({
      ...repository,
      title: wanted.title,
      body: wanted.body,
      labels: [marks.label],
    });
    return { action: 'opened', number: created.data.number, url: created.data.html_url };
  }
  if (existing.body === wanted.body)
    return { action: 'unchanged', number: existing.number, url: existing.html_url };
  const updated = await client.rest.issues.update({
    ...repository,
    issue_number: existing.number,
    body: wanted.body,
  });
  return { action: 'updated', number: updated.data.number, url: updated.data.html_url };
};
