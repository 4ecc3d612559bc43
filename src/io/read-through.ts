// The core's loader reads files synchronously; the base branch's files come from git or
// from the GitHub API, asynchronously. This runs the loader over what has been fetched so
// far, fetches what it asked for and did not get, and runs it again, until it asks for
// nothing new. The loader stays the one place that knows which file names which.
import type { FileRead, FileReader } from '../core/load-repository.ts';

export type AsyncFileReader = (path: string) => Promise<FileRead>;

/** Past this many rounds the files name each other endlessly; what is missing stays missing. */
const MAX_ROUNDS = 8;

export const readThrough = async <T>(fetch: AsyncFileReader, load: (reader: FileReader) => T): Promise<T> => {
  const fetched = new Map<string, FileRead>();
  for (let round = 1; ; round++) {
    const wanted = new Set<string>();
    const result = load((path) => {
      if (fetched.has(path)) return fetched.get(path);
      wanted.add(path);
      return undefined;
    });
    if (wanted.size === 0 || round === MAX_ROUNDS) return result;
    const reads = await Promise.all([...wanted].map(async (path) => [path, await fetch(path)] as const));
    for (const [path, read] of reads) fetched.set(path, read);
  }
};
