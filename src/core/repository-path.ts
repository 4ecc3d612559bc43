// Paths a pull request names are hostile until proven inside the repository. This is the
// pure half of that proof, the same for files in the workspace and for files read from the
// base commit (git or the contents API): the path, written relative to the repository root,
// must normalise to a place inside it and outside `.git/`. The workspace reader adds the
// other half (symbolic links resolved on disk).

declare const checked: unique symbol;

/**
 * A path relative to the repository root: `/`-separated, normalised (no `.`, `..` or empty
 * segments), not empty, and with no `.git` segment. Only `repositoryPath` makes one.
 */
export type RepositoryPath = string & { readonly [checked]: true };

export type PathCheck =
  | { readonly ok: true; readonly path: RepositoryPath }
  /** Why the path is refused, in words that never repeat the path itself. */
  | { readonly ok: false; readonly reason: string };

const refused = (reason: string): PathCheck => ({ ok: false, reason });

/**
 * `.git` as git itself refuses it in a path: in any letter case (case-insensitive file
 * systems), with the trailing dots and spaces Windows drops, and as its 8.3 short name.
 */
export const isGitDirectoryName = (segment: string): boolean => {
  const name = segment.toLowerCase().replace(/[. ]+$/, '');
  return name === '.git' || name === 'git~1';
};

/** Checks a path written relative to the repository root and returns it normalised. */
export const repositoryPath = (written: string): PathCheck => {
  if (written.trim() === '') return refused('the path is empty');
  if (written.includes('\0')) return refused('the path contains a NUL character');
  if (written.includes('\\')) return refused('the path contains a backslash; write paths with `/`');
  if (written.startsWith('/') || /^[A-Za-z]:/.test(written)) return refused('the path is absolute');
  const segments: string[] = [];
  for (const segment of written.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return refused('the path leads out of the repository');
      segments.pop();
      continue;
    }
    if (isGitDirectoryName(segment)) return refused('the path leads into `.git/`');
    segments.push(segment);
  }
  if (segments.length === 0) return refused('the path names the repository itself, not a file');
  return { ok: true, path: segments.join('/') as RepositoryPath };
};

/**
 * A path written in a file of the repository, relative to that file's folder (how the config
 * names the template and the user map). An absolute path is refused, not taken from the root.
 */
export const repositoryPathFrom = (file: string, written: string): PathCheck => {
  if (written.startsWith('/') || /^[A-Za-z]:/.test(written)) return refused('the path is absolute');
  const slash = file.lastIndexOf('/');
  return repositoryPath(slash < 0 ? written : `${file.slice(0, slash)}/${written}`);
};

/**
 * Whether a path relative to the repository root, as the file system resolved it (symbolic
 * links followed), stays inside and outside `.git/`. `relative` uses the platform's separators.
 */
export const isInsideRepository = (relative: string): boolean => {
  if (relative === '' || relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return false;
  const segments = relative.split(/[\\/]/);
  return segments.every((s) => s !== '..' && !isGitDirectoryName(s));
};
