// Commit statuses: the checks a plan run owns on a pull request's head commit.
import type { CommitStatus } from '../core/report/status.ts';
import type { RepositoryRef } from '../run-context.ts';
import type { GitHubClient } from './client.ts';

export const setCommitStatus = async (
  client: GitHubClient,
  repository: RepositoryRef,
  status: CommitStatus,
  targetUrl: string | undefined,
): Promise<void> => {
  await client.rest.repos.createCommitStatus({
    ...repository,
    sha: status.sha,
    context: status.context,
    state: status.state,
    description: status.description,
    ...(targetUrl ? { target_url: targetUrl } : {}),
  });
};
