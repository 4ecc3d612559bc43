// Deterministic stand-ins for commit shas, so fixtures are stable across runs.

/** 40 hex characters derived from the seed (FNV-1a, repeated). */
export const fakeSha = (seed: string): string => {
  let out = '';
  let h = 2166136261;
  while (out.length < 40) {
    for (const ch of seed + out.length) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
};
