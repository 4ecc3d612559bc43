// A path a file of the repository names must stay inside the repository and out of `.git/`
// (actions/checkout keeps the job's token in .git/config). Pure: checked on the path as
// written, before anything is opened.
import { posix } from 'node:path';

/** Why a repository-relative path must not be read, or undefined when it may. */
export const refusedPath = (path: string): string | undefined => {
  if (path === '' || path.includes('\0')) return 'it is not a file name';
  if (posix.isAbsolute(path) || /^[A-Za-z]:/.test(path))
    return 'it is an absolute path, outside this repository';
  const normal = posix.normalize(path);
  if (normal === '..' || normal.startsWith('../')) return 'it is outside this repository';
  const first = normal.split('/')[0] ?? '';
  if (first.toLowerCase() === '.git') return "it is inside .git/, git's own files";
  return undefined;
};
