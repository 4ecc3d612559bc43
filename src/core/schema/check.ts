// Checks a YAML node against a schema, collecting every problem with its position.
import { error, warning } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { didYouMean } from '../suggest.ts';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems, sourceText } from '../yaml/nodes.ts';
import type { NodeKind, YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import type {
  AccountIdSchema,
  EitherSchema,
  IntegerSchema,
  ObjectSchema,
  Schema,
  StringSchema,
} from './types.ts';

const kindWords: Record<NodeKind, string> = {
  map: 'a mapping',
  seq: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'empty',
};

const expectedWords = (schema: Schema): string => {
  switch (schema.type) {
    case 'string':
    case 'account-id':
      return 'a string';
    case 'scalar':
      return 'a string, number or boolean';
    case 'integer':
      return 'a whole number';
    case 'boolean':
      return '`true` or `false`';
    case 'either':
      return schema.variants.map(expectedWords).join(' or ');
    case 'object':
    case 'map':
      return 'a mapping';
    case 'array':
      return 'a list';
  }
};

const shapeHint = (schema: Schema, label: string): string => {
  switch (schema.type) {
    case 'array':
      return `Write a list, e.g. \`${label}: [a, b]\` or one \`- item\` per line.`;
    case 'object':
    case 'map':
      return `Write a mapping of \`key: value\` lines indented under \`${label}:\`.`;
    case 'boolean':
      return `Write \`${label}: true\` or \`${label}: false\`, without quotes.`;
    default:
      return `Write \`${label}: <value>\`.`;
  }
};

/** The account-id checks: the commonest mistake is an unquoted number losing leading zeros. */
export const checkAccountId = (
  yaml: YamlFile,
  node: Node | null,
  label: string,
  _schema?: AccountIdSchema,
): Diagnostic[] => {
  const at = positionOf(yaml, node);
  const kind = kindOf(yaml, node);
  if (kind === 'number') {
    const written = sourceText(yaml, node).trim();
    const value = String(scalarValue(yaml, node));
    const digits = written.replace(/^[+]/, '');
    if (/^0\d+$/.test(digits) && digits.length === 12) {
      return [
        error(
          at,
          `${label} is written as a number, so YAML read ${digits} as ${value} and dropped the leading zero${digits.length - value.length > 1 ? 's' : ''}.`,
          `Quote it: \`${label}: "${digits}"\`.`,
        ),
      ];
    }
    const padded = /^\d+$/.test(value) && value.length < 12 ? value.padStart(12, '0') : value;
    return [
      error(
        at,
        `${label} is written as a number (${written}); account ids are 12-digit strings.`,
        /^\d{12}$/.test(padded)
          ? `Quote it with all 12 digits: \`${label}: "${padded}"\` (if the id has leading zeros, write them).`
          : `Quote the 12-digit id: \`${label}: "123456789012"\`.`,
      ),
    ];
  }
  if (kind !== 'string') {
    return [
      error(
        at,
        `${label} must be a 12-digit account id, found ${kindWords[kind]}.`,
        `Write \`${label}: "123456789012"\`.`,
      ),
    ];
  }
  const value = String(scalarValue(yaml, node));
  if (!/^\d{12}$/.test(value)) {
    const digits = value.replace(/\D/g, '');
    return [
      error(
        at,
        `${label} "${value}" is not an AWS account id: it must be exactly 12 digits${digits.length !== value.length ? '' : ` (it has ${value.length})`}.`,
        `Write the 12 digits, quoted, e.g. \`${label}: "${digits.length === 12 ? digits : '123456789012'}"\`.`,
      ),
    ];
  }
  return [];
};

/** How a value is written in the file: `key: value`, or `- value` for a list item. */
const writtenAs = (label: string, value: string): string =>
  label.endsWith(']') ? `- ${value}` : `${label}: ${value}`;

const checkString = (
  yaml: YamlFile,
  node: Node | null,
  label: string,
  schema: StringSchema,
): Diagnostic[] => {
  const at = positionOf(yaml, node);
  const kind = kindOf(yaml, node);
  if (kind !== 'string') {
    const written = sourceText(yaml, node).trim();
    const isScalar = kind === 'number' || kind === 'boolean';
    const broken =
      schema.judgeWritten && isScalar ? schema.rules?.find((r) => !r.pattern.test(written)) : undefined;
    if (broken) return [error(at, broken.message(written), broken.hint(written))];
    return [
      error(
        at,
        `${label} must be a string, found ${kindWords[kind]}${isScalar ? ` (${written})` : ''}.`,
        isScalar
          ? `Quote it: \`${writtenAs(label, `"${written}"`)}\`.`
          : `Write \`${writtenAs(label, '<text>')}\`.`,
      ),
    ];
  }
  const value = String(scalarValue(yaml, node));
  if (schema.enum && !schema.enum.includes(value)) {
    return [
      error(
        at,
        `${label} "${value}" is not one of ${schema.enum.map((e) => `\`${e}\``).join(', ')}.${didYouMean(value, schema.enum)}`,
        `Write one of them, e.g. \`${label}: ${schema.enum[0] ?? ''}\`.`,
      ),
    ];
  }
  for (const rule of schema.rules ?? []) {
    if (!rule.pattern.test(value)) return [error(at, rule.message(value), rule.hint(value))];
  }
  return [];
};

const checkInteger = (
  yaml: YamlFile,
  anchor: Node | null,
  node: Node | null,
  label: string,
  schema: IntegerSchema,
): Diagnostic[] => {
  const value = scalarValue(yaml, node);
  const example = schema.examples?.[0] ?? schema.minimum;
  if (kindOf(yaml, node) === 'number' && Number.isInteger(value) && Number(value) >= schema.minimum)
    return [];
  const written = sourceText(yaml, node).trim();
  return [
    error(
      positionOf(yaml, node ?? anchor),
      `${label} must be a whole number of at least ${schema.minimum}, found ${written === '' ? 'nothing' : `\`${written}\``}.`,
      `Write e.g. \`${label}: ${example}\`, without quotes.`,
    ),
  ];
};

/** The variant for the kind of node; when none fits, one error that names every shape. */
const checkEither = (
  yaml: YamlFile,
  anchor: Node | null,
  node: Node | null,
  label: string,
  schema: EitherSchema,
): Diagnostic[] => {
  const kind = kindOf(yaml, node);
  // A number or boolean is a name written without quotes: the string's own error says so.
  const wanted = kind === 'map' ? 'object' : kind === 'seq' || kind === 'null' ? undefined : 'string';
  const variant = schema.variants.find((v) => v.type === wanted);
  if (variant) return checkNode(yaml, anchor, node, label, variant);
  return [
    error(
      positionOf(yaml, node ?? anchor),
      `${label} must be ${expectedWords(schema)}, found ${kindWords[kind]}.`,
      schema.hint,
    ),
  ];
};

const checkObject = (
  yaml: YamlFile,
  node: Node | null,
  label: string,
  schema: ObjectSchema,
): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const entries = mapEntries(yaml, node);
  const known = Object.keys(schema.properties);
  const seen = new Set<string>();
  for (const entry of entries) {
    seen.add(entry.key);
    const property = schema.properties[entry.key];
    const keyAt = positionOf(yaml, entry.keyNode);
    if (property) {
      out.push(
        ...checkNode(yaml, entry.valueNode ?? entry.keyNode, entry.valueNode, entry.key, property.schema),
      );
    } else if (schema.legacy?.[entry.key] !== undefined) {
      out.push(
        warning(
          keyAt,
          `\`${entry.key}\` is a key of the original rolemodel CLI and is ignored by the action.`,
          schema.legacy[entry.key],
        ),
      );
    } else {
      out.push(
        error(
          keyAt,
          `Unknown key \`${entry.key}\` in ${label}.${didYouMean(entry.key, known)}`,
          `Allowed keys: ${known.join(', ')}.`,
        ),
      );
    }
  }
  const missing = known.filter((k) => schema.properties[k]?.required && !seen.has(k));
  if (missing.length > 0) {
    out.push(
      error(
        positionOf(yaml, node),
        `${label} is missing the required key${missing.length > 1 ? 's' : ''} ${missing.map((k) => `\`${k}\``).join(', ')}.`,
        `Add ${missing.map((k) => `\`${k}: ...\``).join(' and ')} (${missing.map((k) => schema.properties[k]?.schema.description ?? k).join('; ')}).`,
      ),
    );
  }
  return out;
};

/**
 * Checks `node` against `schema`. `anchor` is where to report a missing value (the key of
 * an empty entry), since an empty value has no position of its own.
 */
export const checkNode = (
  yaml: YamlFile,
  anchor: Node | null,
  node: Node | null,
  label: string,
  schema: Schema,
): Diagnostic[] => {
  const kind = kindOf(yaml, node);
  const at = positionOf(yaml, node ?? anchor);
  if (schema.type === 'account-id') return checkAccountId(yaml, node ?? anchor, label, schema);
  const wrongShape = (): Diagnostic[] => [
    error(
      at,
      `${label} must be ${expectedWords(schema)}, found ${kindWords[kind]}.`,
      shapeHint(schema, label),
    ),
  ];
  switch (schema.type) {
    case 'string':
      return node === null ? wrongShape() : checkString(yaml, node, label, schema);
    case 'scalar':
      return kind === 'string' || kind === 'number' || kind === 'boolean' ? [] : wrongShape();
    case 'integer':
      return checkInteger(yaml, anchor, node, label, schema);
    case 'boolean':
      return kind === 'boolean' ? [] : wrongShape();
    case 'either':
      return checkEither(yaml, anchor, node, label, schema);
    case 'object':
      return kind === 'map' ? checkObject(yaml, node, label, schema) : wrongShape();
    case 'array': {
      if (kind !== 'seq') return wrongShape();
      const items = seqItems(yaml, node);
      const out: Diagnostic[] = [];
      if (schema.minItems !== undefined && items.length < schema.minItems) {
        out.push(
          error(
            at,
            `${label} must list at least ${schema.minItems} item${schema.minItems > 1 ? 's' : ''}.`,
            shapeHint(schema, label),
          ),
        );
      }
      items.forEach((item, i) =>
        out.push(...checkNode(yaml, item ?? node, item, `${label}[${i + 1}]`, schema.items)),
      );
      return out;
    }
    case 'map': {
      if (kind !== 'map') return wrongShape();
      const out: Diagnostic[] = [];
      for (const entry of mapEntries(yaml, node)) {
        out.push(
          ...checkString(
            yaml,
            entry.keyNode,
            `key \`${entry.key}\`${label === '' ? '' : ` of ${label}`}`,
            schema.keys,
          ),
        );
        out.push(
          ...checkNode(
            yaml,
            entry.keyNode,
            entry.valueNode,
            label === '' ? entry.key : `${label}.${entry.key}`,
            schema.values,
          ),
        );
      }
      return out;
    }
  }
};
