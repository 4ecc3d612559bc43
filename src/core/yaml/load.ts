// Turning a file's bytes into a YAML document, refusing the hazards a reviewer would
// not notice: bytes that are not UTF-8, several documents, duplicate keys, alias bombs.
import { LineCounter, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Tags } from 'yaml';
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
    const byte = bytes[offset] ?? 0;
    return {
      ok: false,
      diagnostics: [
        error(
          { file, ...at },
          `${file} is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')} at line ${at.line}, column ${at.column}).`,
          'Save the file as UTF-8.',
        ),
      ],
    };
  }
};

const describeYamlError = (code: string, message: string): { message: string; hint: string } => {
  const firstLine = message.split('\n')[0] ?? message;
  const text = firstLine.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return {
        message: `Duplicate key: ${text.replace('Map keys must be unique', 'a key appears twice in the same mapping')}.`,
        hint: 'Keep one of the two entries (YAML would silently use only the last one).',
      };
    case 'TAB_AS_INDENT':
      return { message: `Invalid YAML: ${text}.`, hint: 'Indent with spaces, not tabs.' };
    default:
      return { message: `Invalid YAML: ${text}.`, hint: 'Fix the syntax at this position.' };
  }
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
    ...(options.customTags ? { customTags: options.customTags } : {}),
  });
  const list = Array.isArray(documents) ? documents : [];
  const diagnostics: Diagnostic[] = [];
  const first = list[0] ?? (options.allowEmpty ? parseDocument(text, { lineCounter }) : undefined);
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
      const { message, hint } = describeYamlError(e.code, e.message);
      diagnostics.push(error({ file, line: pos?.line ?? 1, column: pos?.col ?? 1 }, message, hint));
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
      diagnostics.push(
        error(
          positionOf(yaml, alias),
          `Invalid YAML: the alias *${alias.source} has no anchor &${alias.source} before it.`,
          `Define \`&${alias.source}\` on a value above this line, or write the value out.`,
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
