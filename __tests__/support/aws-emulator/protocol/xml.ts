// Minimal XML writer for AWS Query responses: objects become elements, arrays become <member> lists,
// maps (XmlMap) become <entry><key/><value/></entry> lists.
export type XmlValue =
  string | number | boolean | Date | undefined | null | readonly XmlValue[] | XmlMap | XmlObject;

/** A Query-protocol map (e.g. GetAccountSummary's SummaryMap), entries in the order given. */
export class XmlMap {
  readonly entries: readonly (readonly [string, XmlValue])[];
  constructor(entries: readonly (readonly [string, XmlValue])[]) {
    this.entries = entries;
  }
}
export interface XmlObject {
  readonly [key: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** AWS Query timestamps are ISO-8601 in UTC. */
export function formatTimestamp(date: Date): string {
  return date.toISOString();
}

function renderContent(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return escapeXml(formatTimestamp(value));
  if (Array.isArray(value)) return value.map((item) => element('member', item)).join('');
  if (value instanceof XmlMap)
    return value.entries
      .map(([key, item]) => `<entry>${element('key', key)}${element('value', item)}</entry>`)
      .join('');
  if (typeof value === 'object') return renderFields(value as XmlObject);
  return escapeXml(String(value));
}

export function element(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  return `<${name}>${renderContent(value)}</${name}>`;
}

export function renderFields(fields: XmlObject): string {
  return Object.entries(fields)
    .map(([name, value]) => element(name, value))
    .join('');
}
