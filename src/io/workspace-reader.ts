// Reads the repository's files for the core, relative to the workspace (the checkout). A path
// is already proven inside the repository on paper (RepositoryPath); here it is proven on disk:
// resolved with every symbolic link followed, it must still be a regular file inside the
// workspace and outside `.git/`, or it is refused without being opened.
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
} from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { FileRead, FileReader } from '../core/load-repository.ts';
import { isInsideRepository } from '../core/repository-path.ts';
import type { RepositoryPath } from '../core/repository-path.ts';

/** Larger than any sensible config; keeps a mistaken path to a huge file from being read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Links followed before giving up, as the kernel's own limit (ELOOP) does. */
const MAX_LINKS = 40;

const OUTSIDE: FileRead = {
  refused: 'it leads out of the repository or into `.git/` through a symbolic link',
};

const errorCode = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

const inside = (root: string, real: string): boolean => isInsideRepository(relative(root, real));

/**
 * For a path that does not resolve: whether the part of it that exists stays inside, so that
 * "does not exist" is only ever said of places inside the repository (a dangling link must not
 * tell whether a file outside exists).
 */
const missingInside = (root: string, full: string): boolean => {
  let probe = full;
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let stat;
    try {
      stat = lstatSync(probe);
    } catch {
      const parent = dirname(probe);
      if (parent === probe) return false;
      probe = parent;
      continue;
    }
    if (!stat.isSymbolicLink()) {
      try {
        const real = realpathSync.native(probe);
        return real === root || inside(root, real);
      } catch {
        return false;
      }
    }
    try {
      probe = resolve(realpathSync.native(dirname(probe)), readlinkSync(probe));
    } catch {
      return false;
    }
    if (!inside(root, probe)) return false;
  }
  return false;
};

/** The file's bytes through a descriptor that cannot be a link, a FIFO or a device. */
const readRegularFile = (real: string): FileRead => {
  const fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { unreadable: 'it is a directory' };
    if (!stat.isFile()) return { refused: 'it is not a regular file' };
    if (stat.size > MAX_FILE_BYTES)
      return { unreadable: `it is ${stat.size} bytes, larger than ${MAX_FILE_BYTES}` };
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
};

export const workspaceReader = (workspace: string): FileReader => {
  let root: string | undefined;
  return (path: RepositoryPath) => {
    try {
      root ??= realpathSync.native(workspace);
    } catch (e) {
      return { unreadable: `the workspace cannot be read (${errorCode(e) ?? 'unknown error'})` };
    }
    const full = resolve(root, path);
    let real: string;
    try {
      real = realpathSync.native(full);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') return missingInside(root, full) ? undefined : OUTSIDE;
      return code === 'ELOOP' ? OUTSIDE : { unreadable: code ?? 'error' };
    }
    if (!inside(root, real)) return OUTSIDE;
    try {
      return readRegularFile(real);
    } catch (e) {
      const code = errorCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'ELOOP') return OUTSIDE;
      return { unreadable: code ?? 'error' };
    }
  };
};
