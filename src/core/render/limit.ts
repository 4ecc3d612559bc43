// Keeps a comment under GitHub's size limit by dropping whole sections from the end, so
// that no table row or <details> block is ever cut in half.

const SEPARATOR = '\n\n';

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

const lengthOf = (blocks: readonly string[]): number =>
  blocks.reduce((n, b) => n + b.length, 0) + SEPARATOR.length * Math.max(0, blocks.length - 1) + 1;

const join = (blocks: readonly string[]): string => `${blocks.filter((b) => b !== '').join(SEPARATOR)}\n`;

/** Cuts at a line end: only for the head, which holds no multi-line constructs. */
const clip = (text: string, maxLength: number): string => {
  if (text.length <= maxLength) return text;
  const cut = text.lastIndexOf('\n', maxLength - 1);
  return cut > 0 ? text.slice(0, cut + 1) : text.slice(0, Math.max(0, maxLength));
};

/** An absurdly small limit: as much of the head as fits, then the short note if it can. */
const squeeze = (doc: Document, maxLength: number): string => {
  const room = maxLength - lengthOf(['', doc.shortNote]);
  const head = clip(doc.head, room).trimEnd();
  return head === '' ? clip(join([doc.head]), maxLength) : join([head, doc.shortNote]);
};

export const fitToLength = (doc: Document, maxLength: number): string => {
  const problems = doc.problems(Infinity);
  const full = join([doc.head, problems, ...doc.sections]);
  if (full.length <= maxLength) return full;

  const total = doc.sections.length;
  // The note with every section shown is the longest it can be.
  const longestNote = doc.truncationNote(total, total);
  const fixed = lengthOf([doc.head, longestNote]);
  if (fixed > maxLength) return squeeze(doc, maxLength);

  const fitted = doc.problems(maxLength - fixed - SEPARATOR.length);
  let used = fixed + (fitted === '' ? 0 : fitted.length + SEPARATOR.length);
  const shown: string[] = [];
  for (const section of doc.sections) {
    if (used + section.length + SEPARATOR.length > maxLength) break;
    shown.push(section);
    used += section.length + SEPARATOR.length;
  }
  return join([doc.head, fitted, ...shown, doc.truncationNote(shown.length, total)]);
};
