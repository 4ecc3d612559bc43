// Aligned columns for a terminal. Cells are measured before they are painted, so colour
// codes never throw the alignment off; the last column is never padded.
import { clean } from './escape.ts';

export interface Cell {
  readonly text: string;
  readonly paint?: (text: string) => string;
}

export type CellInput = string | Cell;

const cellOf = (input: CellInput): Cell => (typeof input === 'string' ? { text: input } : input);

/** Code points, not UTF-16 units, so that an emoji or accented name counts once. */
const width = (text: string): number => [...text].length;

/** Rows of cells as lines, each column as wide as its widest cell, separated by two spaces. */
export const columns = (rows: readonly (readonly CellInput[])[], indent = ''): string[] => {
  const cells = rows.map((row) => row.map(cellOf).map((c) => ({ ...c, text: clean(c.text) })));
  const widths: number[] = [];
  for (const row of cells)
    row.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(c.text));
    });
  return cells.map((row) =>
    (
      indent +
      row
        .map((c, i) => {
          const padded =
            i === row.length - 1 ? c.text : c.text + ' '.repeat((widths[i] ?? 0) - width(c.text));
          return c.paint ? c.paint(padded) : padded;
        })
        .join('  ')
    ).trimEnd(),
  );
};
