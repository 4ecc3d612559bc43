// A widening in one line of plain text, for the log and the headline.
import type { Widening } from './classify.ts';

export const wideningText = (w: Widening): string => {
  const where = `${w.account}.${w.role}`;
  const what =
    w.kind === 'grant'
      ? `${w.user ?? '?'} gains ${where} (${w.level})`
      : w.kind === 'level'
        ? `${w.user ?? '?'} keeps ${where}, which now grants ${w.level}`
        : w.kind === 'extended'
          ? `${w.user ?? '?'} keeps ${where} (${w.level}) longer than before`
          : `${where} lets its holders do more (${w.level})`;
  return w.unreviewed === undefined ? what : `${what}: ${w.unreviewed}`;
};
