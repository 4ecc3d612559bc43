// Reads the repository's files for the core, relative to the workspace (the checkout).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileReader } from '../core/load-repository.ts';

/** Larger than any sensible config; keeps a mistaken path to a huge file from being read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const workspaceReader =
  (workspace: string): FileReader =>
  (path) => {
    const full = resolve(workspace, path);
    try {
      const stat = statSync(full);
      if (stat.isDirectory()) return { unreadable: 'it is a directory' };
      if (stat.size > MAX_FILE_BYTES)
        return { unreadable: `it is ${stat.size} bytes, larger than ${MAX_FILE_BYTES}` };
      return new Uint8Array(readFileSync(full));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      return { unreadable: code ?? String(e) };
    }
  };
