// Markdown building blocks shared by the plan sections. Everything passed in here is
// already escaped; these functions only arrange it.
import { countText } from '../numbers.ts';

/** Tables longer than this are folded, so that the comment stays readable. */
export const FOLD_ROWS = 10;
/** A long table is cut into parts no larger than this, so that truncation can keep some. */
const PART_ROWS = 100;
const PART_CHARS = 12_000;

export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${countText(n)} ${n === 1 ? one : many}`;

/** At most `max` items, then "and N more", so that a line stays short. */
export const listSome = (items: readonly string[], max: number): string => {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${countText(items.length - max)} more`;
};

export const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

export const tableHeader = (headers: readonly string[]): string[] => [
  tableRow(headers),
  tableRow(headers.map(() => '---')),
];

/** A blank line after `<summary>` and before `</details>`, or GitHub renders the table as text. */
export const details = (summary: string, body: string): string =>
  `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;

/** Splits items into runs of at most `size`; always at least one run, maybe empty. */
export const runsOf = <T>(items: readonly T[], size: number): T[][] => {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs.length === 0 ? [[]] : runs;
};

/** Consecutive rows packed into parts by count and by size. */
const packRows = (rows: readonly string[]): string[][] => {
  const parts: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const row of rows) {
    if (current.length > 0 && (current.length >= PART_ROWS || chars + row.length > PART_CHARS)) {
      parts.push(current);
      current = [];
      chars = 0;
    }
    current.push(row);
    chars += row.length + 1;
  }
  if (current.length > 0) parts.push(current);
  return parts;
};

export interface TableSections {
  /** Lines that open the first part: a heading and what it is about. */
  readonly lead: readonly string[];
  readonly headers: readonly string[];
  /** Rendered rows, `| a | b |`. */
  readonly rows: readonly string[];
  /** The fold's label: `12 resource changes`, `users 101–200 of 812`. */
  readonly label: (from: number, to: number, total: number) => string;
  /** A line shown below the first part's table. */
  readonly note?: string;
}

/**
 * A section whose table may be long: one or more blocks, each a whole table (folded when
 * long), so that the comment can be cut between them and never inside one.
 */
export const tableSections = (section: TableSections): string[] => {
  const parts = packRows(section.rows);
  if (parts.length === 0) return [[...section.lead, ...(section.note ? ['', section.note] : [])].join('\n')];
  let from = 1;
  return parts.map((rows, index) => {
    const to = from + rows.length - 1;
    const table = [...tableHeader(section.headers), ...rows].join('\n');
    const body =
      parts.length > 1 || rows.length > FOLD_ROWS
        ? details(section.label(from, to, section.rows.length), table)
        : table;
    from = to + 1;
    const lead = index === 0 ? section.lead : [];
    const note = index === 0 && section.note ? ['', section.note] : [];
    return [...lead, ...(lead.length > 0 ? [''] : []), body, ...note].join('\n');
  });
};
