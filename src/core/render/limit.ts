// Keeps a comment or a job summary under GitHub's size limit by dropping whole sections from
// the end, so that no table row or <details> block is ever cut in half.
import { countText } from '../numbers.ts';

const SEPARATOR = '\n\n';

/** A job summary: the runner refuses to upload one over 1 MiB, and then shows none at all. */
export const JOB_SUMMARY_MAX_BYTES = 1_000_000;

export interface Document {
  /** Always kept: the marker, title, summary and warnings. Holds no <details>. */
  readonly head: string;
  /** The problems block, fitted into the budget it is given ('' when none). */
  readonly problems: (budget: number) => string;
  readonly sections: readonly string[];
  /** Said when sections are left out. */
  readonly truncationNote: (shown: number, total: number) => string;
  /** Said instead when not even the note fits: the limit is absurdly small. */
  readonly shortNote: string;
}

/** How GitHub counts a text against a limit: comments in characters, job summaries in bytes. */
export type Measure = (text: string) => number;

export const characters: Measure = (text) => text.length;

const encoder = new TextEncoder();
export const utf8Bytes: Measure = (text) => encoder.encode(text).length;

/** What a truncation note says of the sections kept. */
export const sectionsShown = (shown: number, total: number): string =>
  `${countText(shown)} of ${countText(total)} sections shown`;

const join = (blocks: readonly string[]): string => `${blocks.filter((b) => b !== '').join(SEPARATOR)}\n`;

/** Cuts at a line end (inside a line when none fits): only for the head, which holds no multi-line constructs. */
const clip = (text: string, maxLength: number, measure: Measure): string => {
  let cut = text;
  while (measure(cut) > maxLength) {
    const end = cut.lastIndexOf('\n', cut.length - 2);
    cut = end > 0 ? cut.slice(0, end + 1) : cut.slice(0, Math.min(cut.length - 1, maxLength));
  }
  return cut;
};

export const fitToLength = (doc: Document, maxLength: number, measure: Measure = characters): string => {
  const lengthOf = (blocks: readonly string[]): number =>
    blocks.reduce((n, b) => n + measure(b), 0) + SEPARATOR.length * Math.max(0, blocks.length - 1) + 1;

  const problems = doc.problems(Infinity);
  const full = join([doc.head, problems, ...doc.sections]);
  if (measure(full) <= maxLength) return full;

  const total = doc.sections.length;
  // The note with every section shown is the longest it can be.
  const longestNote = doc.truncationNote(total, total);
  const fixed = lengthOf([doc.head, longestNote]);
  if (fixed > maxLength) {
    // An absurdly small limit: as much of the head as fits, then the short note if it can.
    const head = clip(doc.head, maxLength - lengthOf(['', doc.shortNote]), measure).trimEnd();
    return head === '' ? clip(join([doc.head]), maxLength, measure) : join([head, doc.shortNote]);
  }

  const fitted = doc.problems(maxLength - fixed - SEPARATOR.length);
  let used = fixed + (fitted === '' ? 0 : measure(fitted) + SEPARATOR.length);
  const shown: string[] = [];
  for (const section of doc.sections) {
    const size = measure(section) + SEPARATOR.length;
    if (used + size > maxLength) break;
    shown.push(section);
    used += size;
  }
  return join([doc.head, fitted, ...shown, doc.truncationNote(shown.length, total)]);
};
