// A file as it is on the pull request's base commit: from the local clone when it has that
// commit, else from the GitHub API. `absent` when the base has no such file; `undefined`
// when neither source could tell (then removals are not classified as git or drift).
import * as github from '@actions/github';
import { execFileSync } from 'node:child_process';

export type BaseFile = { readonly text: string } | 'absent' | undefined;

const git = (workspace: string, args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
};

const fromGit = (workspace: string, sha: string, path: string): BaseFile => {
  if (git(workspace, ['cat-file', '-e', `${sha}^{commit}`]) === undefined) return undefined;
  const text = git(workspace, ['show', `${sha}:${path}`]);
  return text === undefined ? 'absent' : { text };
};

const status = (e: unknown): number | undefined => (e as { status?: number } | null)?.status;

const fromApi = async (token: string, repository: string, sha: string, path: string): Promise<BaseFile> => {
  const [owner, repo] = repository.split('/');
  if (!owner || !repo || !token) return undefined;
  const octokit = github.getOctokit(token);
  try {
    const response = await octokit.rest.repos.getContent({ owner, repo, path, ref: sha });
    const data = response.data;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return { text: Buffer.from(data.content, 'base64').toString('utf8') };
  } catch (e) {
    if (status(e) !== 404) return undefined;
    // A 404 for a commit that exists means the file was not there; otherwise nothing is known.
    try {
      await octokit.rest.repos.getCommit({ owner, repo, ref: sha });
      return 'absent';
    } catch {
      return undefined;
    }
  }
};

export const readBaseFile = async (
  workspace: string,
  token: string,
  repository: string,
  sha: string,
  path: string,
): Promise<BaseFile> => fromGit(workspace, sha, path) ?? (await fromApi(token, repository, sha, path));
