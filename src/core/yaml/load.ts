// Turning a file's bytes into a YAML document, refusing the hazards a reviewer would
// not notice: bytes that are not UTF-8, several documents, duplicate keys, alias bombs.
import { LineCounter, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { ErrorCode, Tags } from 'yaml';
import { error } from '../diagnostics.ts';
import type { Diagnostic, Result } from '../diagnostics.ts';
import { positionAt, positionOf } from './nodes.ts';
import type { YamlFile } from './nodes.ts';

/** More alias expansions than any hand-written file needs; past it is a "billion laughs". */
const MAX_ALIAS_COUNT = 200;

export interface LoadOptions {
  readonly customTags?: Tags;
  /** Said in the "empty file" error: what a minimal valid file looks like. */
  readonly example: string;
  /** An empty or comment-only file is a file with no content (its document's contents are null). */
  readonly allowEmpty?: boolean;
}

const lineAndColumnOfByte = (bytes: Uint8Array, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
};

/** Offset of the first byte sequence that is not valid UTF-8. */
const firstInvalidUtf8 = (bytes: Uint8Array): number => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // Binary search on the longest valid prefix; a cut inside a character is tolerated by `stream`.
  while (low < high) {
    const mid = Math.floor((low + high + 1) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true });
      decoder.decode();
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
};

export const decodeUtf8 = (file: string, bytes: Uint8Array): Result<string> => {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, value: text, diagnostics: [] };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const at = lineAndColumnOfByte(bytes, offset);
    return {
      ok: false,
      diagnostics: [
        error(
          { file, ...at },
          `${file} is not valid UTF-8 (line ${at.line}, column ${at.column}).`,
          'Save the file as UTF-8.',
        ),
      ],
    };
  }
};

/**
 * What went wrong, by the parser's error code only. The parser's own messages quote the text
 * around the error, which in a file that is not what the config says (a `.git/config`, a
 * credentials file) may be a secret; these words never hold anything of the file.
 */
const YAML_ERROR_KINDS: Readonly<Record<ErrorCode, { kind: string; hint: string }>> = {
  ALIAS_PROPS: {
    kind: 'an alias has an anchor or a tag',
    hint: 'Remove the `&anchor` or `!tag` before the `*alias`.',
  },
  BAD_ALIAS: {
    kind: 'an anchor or alias name is malformed',
    hint: 'Write `&name` and `*name` with a plain name.',
  },
  BAD_COLLECTION_TYPE: {
    kind: 'a tag is used on the wrong kind of value',
    hint: 'Fix the tag or the value after it.',
  },
  BAD_DIRECTIVE: { kind: 'a `%` directive is not valid', hint: 'Remove the line starting with `%`.' },
  BAD_DQ_ESCAPE: {
    kind: 'a double-quoted string has an invalid escape sequence',
    hint: 'Use single quotes, or write each backslash twice.',
  },
  BAD_INDENT: {
    kind: 'the indentation is inconsistent',
    hint: 'Indent entries of the same level by the same number of spaces.',
  },
  BAD_PROP_ORDER: {
    kind: 'an anchor or tag is in the wrong place',
    hint: 'Put `&anchor` and `!tag` right before the value.',
  },
  BAD_SCALAR_START: { kind: 'a value starts with a character YAML reserves', hint: 'Quote the value.' },
  BLOCK_AS_IMPLICIT_KEY: {
    kind: 'a list or mapping is used as a key',
    hint: 'Keys are plain names followed by `:`.',
  },
  BLOCK_IN_FLOW: {
    kind: 'an indented block is inside `[ ]` or `{ }`',
    hint: 'Write the whole value inside the brackets, or use indented lines only.',
  },
  DUPLICATE_KEY: {
    kind: 'a key appears twice in the same mapping',
    hint: 'Keep one of the two entries (YAML would silently use only the last one).',
  },
  IMPOSSIBLE: { kind: 'the parser could not continue', hint: 'Fix the syntax at this position.' },
  KEY_OVER_1024_CHARS: {
    kind: 'a key is longer than 1024 characters',
    hint: 'Shorten the key, or check for a missing line break.',
  },
  MISSING_CHAR: {
    kind: 'a character is missing (a closing quote or bracket, a `,`, a `:` or a space)',
    hint: 'Add the missing character at this position.',
  },
  MULTILINE_IMPLICIT_KEY: {
    kind: 'a key runs over more than one line',
    hint: 'Check for a missing `:` or a line indented too far.',
  },
  MULTIPLE_ANCHORS: { kind: 'a value has two anchors', hint: 'Keep one `&anchor`.' },
  MULTIPLE_DOCS: {
    kind: 'the file holds more than one document',
    hint: 'Remove the `---` separator and the extra document.',
  },
  MULTIPLE_TAGS: { kind: 'a value has two tags', hint: 'Keep one `!tag`.' },
  NON_STRING_KEY: { kind: 'a key is not a plain string', hint: 'Keys are plain names followed by `:`.' },
  RESOURCE_EXHAUSTION: {
    kind: 'the file expands to too much data',
    hint: 'Write the values out instead of nesting aliases.',
  },
  TAB_AS_INDENT: { kind: 'a tab is used for indentation', hint: 'Indent with spaces, not tabs.' },
  TAG_RESOLVE_FAILED: {
    kind: 'a `!tag` is not one this file may use',
    hint: 'Use only the CloudFormation short forms (`!Ref`, `!Sub`, ...) in a template, and no tags elsewhere.',
  },
  UNEXPECTED_TOKEN: {
    kind: 'something stands where it cannot (unexpected token)',
    hint: 'Fix the syntax at this position: a missing `:`, a stray character or wrong indentation.',
  },
};

const describeYamlError = (
  file: string,
  code: ErrorCode,
  at: { line: number; column: number },
): Diagnostic => {
  const { kind, hint } = YAML_ERROR_KINDS[code] ?? YAML_ERROR_KINDS.IMPOSSIBLE;
  const where = `line ${at.line}, column ${at.column}`;
  return code === 'DUPLICATE_KEY'
    ? error({ file, ...at }, `Duplicate key (${where}): ${kind}.`, hint)
    : error({ file, ...at }, `Invalid YAML (${where}): ${kind}.`, hint);
};

export const loadYaml = (file: string, bytes: Uint8Array, options: LoadOptions): Result<YamlFile> => {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.value;
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: true,
    strict: true,
    // The parser would print some warnings itself (to stderr, quoting the file): never.
    logLevel: 'silent',
    ...(options.customTags ? { customTags: options.customTags } : {}),
  });
  const list = Array.isArray(documents) ? documents : [];
  const diagnostics: Diagnostic[] = [];
  const first =
    list[0] ?? (options.allowEmpty ? parseDocument(text, { lineCounter, logLevel: 'silent' }) : undefined);
  if (!options.allowEmpty && (!first || first.contents === null)) {
    if (list.length <= 1) {
      return {
        ok: false,
        diagnostics: [
          error({ file, line: 1, column: 1 }, `${file} is empty.`, `Write at least:\n${options.example}`),
        ],
      };
    }
  }
  const yaml: YamlFile | undefined = first ? { file, text, document: first, lineCounter } : undefined;
  for (const doc of list) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      diagnostics.push(describeYamlError(file, e.code, { line: pos?.line ?? 1, column: pos?.col ?? 1 }));
    }
  }
  const second = list[1];
  if (second && yaml) {
    const offset = second.range[0];
    diagnostics.push(
      error(
        positionAt(yaml, offset),
        `${file} holds ${list.length} YAML documents; only one is read.`,
        'Remove the `---` separator and the extra document, or merge them into one.',
      ),
    );
  }
  if (diagnostics.length > 0 || !yaml) return { ok: false, diagnostics };
  visit(yaml.document, {
    Alias: (_key, alias) => {
      if (alias.resolve(yaml.document) !== undefined) return;
      const at = positionOf(yaml, alias);
      diagnostics.push(
        error(
          at,
          `Invalid YAML (line ${at.line}, column ${at.column}): an alias (\`*name\`) has no anchor (\`&name\`) before it.`,
          'Define the anchor on a value above this line, or write the value out.',
        ),
      );
    },
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  try {
    yaml.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return {
        ok: false,
        diagnostics: [
          error(
            { file, line: 1, column: 1 },
            `${file} expands YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times, which looks like an alias bomb.`,
            'Write the values out instead of nesting aliases of aliases.',
          ),
        ],
      };
    }
    throw e;
  }
  return { ok: true, value: yaml, diagnostics: [] };
};
