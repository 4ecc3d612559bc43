// Reading parsed YAML nodes while keeping where each one stands in its file.
import { isAlias, isMap, isScalar, isSeq, isPair } from 'yaml';
import type { Document, LineCounter, Node, Pair, Scalar } from 'yaml';
import type { Position } from '../diagnostics.ts';
import { CFN_SHORT_TAGS, longForm } from './cfn-tags.ts';

export interface YamlFile {
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface MapEntry {
  readonly key: string;
  readonly keyNode: Node | null;
  readonly valueNode: Node | null;
  readonly pair: Pair;
}

const cfnTagSet = new Set(CFN_SHORT_TAGS.map((t) => `!${t}`));

/** Position of the start of a node (or of the file when the node is missing). */
export const positionOf = (yaml: YamlFile, node: Node | null | undefined): Position => {
  const range = node?.range;
  if (!range) return { file: yaml.file, line: 1, column: 1 };
  const start = yaml.lineCounter.linePos(range[0]);
  const end = yaml.lineCounter.linePos(range[1]);
  return { file: yaml.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
};

/** Position at a byte offset of the text. */
export const positionAt = (yaml: YamlFile, offset: number): Position => {
  const p = yaml.lineCounter.linePos(offset);
  return { file: yaml.file, line: p.line, column: p.col };
};

/** Follows aliases (`*name`) to the node they stand for. */
export const deref = (yaml: YamlFile, node: Node | null | undefined): Node | null => {
  if (node && isAlias(node)) return (node.resolve(yaml.document) as Node | undefined) ?? null;
  return node ?? null;
};

export const mapEntries = (yaml: YamlFile, node: Node | null): MapEntry[] => {
  const target = deref(yaml, node);
  if (!target || !isMap(target)) return [];
  return target.items.filter(isPair).map((pair) => {
    const keyNode = (pair.key as Node | null) ?? null;
    const valueNode = deref(yaml, (pair.value as Node | null) ?? null);
    const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : String(keyNode ?? '');
    return { key, keyNode, valueNode, pair };
  });
};

export const seqItems = (yaml: YamlFile, node: Node | null): (Node | null)[] => {
  const target = deref(yaml, node);
  if (!target || !isSeq(target)) return [];
  return target.items.map((item) => deref(yaml, item as Node | null));
};

export type NodeKind = 'map' | 'seq' | 'string' | 'number' | 'boolean' | 'null';

export const kindOf = (yaml: YamlFile, node: Node | null): NodeKind => {
  const target = deref(yaml, node);
  if (target === null) return 'null';
  if (isMap(target)) return 'map';
  if (isSeq(target)) return 'seq';
  const value = (target as Scalar).value;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
};

/** The text the node was written as (`012` for a number YAML read as 12). */
export const sourceText = (yaml: YamlFile, node: Node | null): string => {
  const range = node?.range;
  return range ? yaml.text.slice(range[0], range[1]) : '';
};

export const scalarValue = (yaml: YamlFile, node: Node | null): unknown => {
  const target = deref(yaml, node);
  return target && isScalar(target) ? target.value : undefined;
};

/** Plain JSON data of a node, CloudFormation short-form tags turned into their long form. */
export const toPlain = (yaml: YamlFile, node: Node | null): unknown => {
  const target = deref(yaml, node);
  if (target === null) return null;
  let value: unknown;
  if (isMap(target)) {
    const out: Record<string, unknown> = {};
    for (const entry of mapEntries(yaml, target)) out[entry.key] = toPlain(yaml, entry.valueNode);
    value = out;
  } else if (isSeq(target)) {
    value = seqItems(yaml, target).map((item) => toPlain(yaml, item));
  } else {
    const raw = (target as Scalar).value;
    value = typeof raw === 'bigint' ? Number(raw) : (raw ?? null);
  }
  const tag = target.tag;
  return tag && cfnTagSet.has(tag) ? longForm(tag, value) : value;
};
