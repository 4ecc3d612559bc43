// The repository's files as they are at another commit (a pull request's base): from the
// local clone when it has that commit, else from the GitHub contents API. Symbolic links are
// followed inside the repository; a path that leaves it, or enters `.git/`, is never read.
import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import type { FileRead } from '../core/load-repository.ts';
import type { GitHubClient } from '../github/client.ts';
import { httpStatus } from '../github/client.ts';
import type { RepositoryRef } from '../run-context.ts';
import { repositoryPath } from '../core/repository-path.ts';
import type { AsyncFileReader } from './read-through.ts';

/** A file the base could not be asked about: the caller treats the base as unknown. */
export class BaseUnreadable extends Error {
  override readonly name = 'BaseUnreadable';
}

/** Larger than any sensible config; the same bound as the workspace's files. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Links to links: past this, a loop. */
const MAX_LINKS = 8;

const SYMLINK_MODE = '120000';

type Entry =
  { readonly kind: 'file'; readonly bytes: Uint8Array } | { readonly kind: 'link'; readonly target: string };

/** One path at the commit, without following links: undefined when it is not there. */
type EntryReader = (path: string) => Promise<Entry | undefined | { readonly unreadable: string }>;

const git = (workspace: string, args: readonly string[]): Buffer | undefined => {
  try {
    return execFileSync('git', args, {
      cwd: workspace,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: MAX_FILE_BYTES * 2,
    });
  } catch {
    return undefined;
  }
};

const gitEntries =
  (workspace: string, sha: string): EntryReader =>
  async (path) => {
    // `<mode> <type> <object>\t<path>`; nothing when the path is not in the commit's tree.
    const listed = git(workspace, ['ls-tree', '-z', sha, '--', path])?.toString('utf8') ?? '';
    const [meta, name] = listed.split('\0')[0]?.split('\t') ?? [];
    if (!meta || name !== path) return undefined;
    const [mode, type, object] = meta.split(' ');
    if (type === 'tree') return { unreadable: 'it is a directory' };
    if (type !== 'blob' || !object) return { unreadable: `it is a ${type ?? 'strange entry'}` };
    const bytes = git(workspace, ['cat-file', 'blob', object]);
    if (bytes === undefined) throw new BaseUnreadable(`git could not read ${path} at ${sha}`);
    if (mode === SYMLINK_MODE) return { kind: 'link', target: bytes.toString('utf8') };
    if (bytes.length > MAX_FILE_BYTES)
      return { unreadable: `it is ${bytes.length} bytes, larger than ${MAX_FILE_BYTES}` };
    return { kind: 'file', bytes: new Uint8Array(bytes) };
  };

const apiEntries =
  (client: GitHubClient, repository: RepositoryRef, sha: string): EntryReader =>
  async (path) => {
    try {
      const { data } = await client.rest.repos.getContent({ ...repository, path, ref: sha });
      if (Array.isArray(data)) return { unreadable: 'it is a directory' };
      if (data.type === 'symlink' && 'target' in data && typeof data.target === 'string')
        return { kind: 'link', target: data.target };
      if (data.type !== 'file' || !('content' in data) || data.encoding !== 'base64')
        return { unreadable: `the API gives it as ${data.type}` };
      return { kind: 'file', bytes: new Uint8Array(Buffer.from(data.content, 'base64')) };
    } catch (e) {
      if (httpStatus(e) !== 404)
        throw new BaseUnreadable(`GitHub API: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      // A 404 for a commit that exists means the file was not there; otherwise nothing is known.
      try {
        await client.rest.repos.getCommit({ ...repository, ref: sha });
      } catch (inner) {
        throw new BaseUnreadable(`commit ${sha} cannot be read through the API`, { cause: inner });
      }
      return undefined;
    }
  };

/** Reads `path`, following links inside the repository. */
const following =
  (entries: EntryReader): AsyncFileReader =>
  async (start) => {
    let path: string = start;
    for (let hops = 0; hops <= MAX_LINKS; hops++) {
      // Checked before anything is read: a link may point out of the repository or into .git/.
      const checked = repositoryPath(path);
      if (!checked.ok) return { refused: checked.reason };
      const entry = await entries(checked.path);
      if (entry === undefined || 'unreadable' in entry) return entry;
      if (entry.kind === 'file') return entry.bytes;
      if (posix.isAbsolute(entry.target)) return { refused: 'it is a symbolic link to an absolute path' };
      path = posix.join(posix.dirname(checked.path), entry.target);
    }
    return { unreadable: `it is a chain of more than ${MAX_LINKS} symbolic links` };
  };

export interface BaseCommit {
  readonly workspace: string;
  readonly sha: string;
  readonly repository: RepositoryRef | undefined;
  readonly github: GitHubClient | undefined;
}

/**
 * A reader of the base commit's files: `undefined` for a file the commit does not have.
 * Throws BaseUnreadable when neither the clone nor the API can tell.
 */
export const baseCommitReader = (base: BaseCommit): AsyncFileReader => {
  const local = git(base.workspace, ['cat-file', '-e', `${base.sha}^{commit}`]) !== undefined;
  if (local) return following(gitEntries(base.workspace, base.sha));
  if (base.github === undefined || base.repository === undefined)
    return () =>
      Promise.reject(
        new BaseUnreadable(
          `commit ${base.sha} is not in the clone, and there is no GitHub token to read it through the API`,
        ),
      );
  return following(apiEntries(base.github, base.repository, base.sha));
};

export type { FileRead };
