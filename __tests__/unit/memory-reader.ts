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

/** The time unit tests load the files at: grants in the fixtures end after it, or before it when they say so. */
export const TEST_NOW = new Date('2026-01-15T12:00:00Z');
