// "Did you mean ...?" for names that are close to a known one.

const editDistance = (a: string, b: string): number => {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const left = previous[j - 1] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, left + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
};

/** The closest candidate within a third of the word's length (case and `-`/`_` ignored), if any. */
export const closest = (word: string, candidates: readonly string[]): string | undefined => {
  const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(norm(word), norm(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.ceil(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
};

export const didYouMean = (word: string, candidates: readonly string[]): string => {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` Did you mean \`${match}\`?`;
};
