// An in-memory repository for the core's file reader.
import type { FileReader } from '../../src/core/load-repository.ts';

export const memoryReader =
  (files: Readonly<Record<string, string | Uint8Array>>): FileReader =>
  (path) => {
    const content = files[path];
    if (content === undefined) return undefined;
    return typeof content === 'string' ? new TextEncoder().encode(content) : content;
  };

export { VALID_CONFIG, VALID_TEMPLATE, VALID_USERS, validFiles } from '../support/valid-files.ts';
