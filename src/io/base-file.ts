// A file as it is on the pull request's base commit: from the local clone when it has that
// commit, else from the GitHub API. Undefined when neither has it.
import * as github from '@actions/github';
import { execFileSync } from 'node:child_process';

const fromGit = (workspace: string, sha: string, path: string): string | undefined => {
  try {
    return execFileSync('git', ['show', `${sha}:${path}`], {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
};

const fromApi = async (
  token: string,
  repository: string,
  sha: string,
  path: string,
): Promise<string | undefined> => {
  const [owner, repo] = repository.split('/');
  if (!owner || !repo || !token) return undefined;
  try {
    const response = await github.getOctokit(token).rest.repos.getContent({ owner, repo, path, ref: sha });
    const data = response.data;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
};

export const readBaseFile = async (
  workspace: string,
  token: string,
  repository: string,
  sha: string,
  path: string,
): Promise<string | undefined> =>
  fromGit(workspace, sha, path) ?? (await fromApi(token, repository, sha, path));
