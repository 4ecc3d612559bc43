// Comparing IAM policy documents by meaning, not by text: IAM returns them re-encoded and
// `"Action": "x"` means the same as `"Action": ["x"]`.

const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

const canonical = (value: unknown, key?: string): unknown => {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    // Lists of actions and resources are sets; so are the statements of a policy.
    return key === 'Statement' || (key !== undefined && LIST_KEYS.has(key))
      ? [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
      : items;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      out[k] = canonical(
        k === 'Statement' && !Array.isArray(v) ? [v] : LIST_KEYS.has(k) && typeof v === 'string' ? [v] : v,
        k,
      );
    }
    return out;
  }
  return value;
};

export const canonicalPolicy = (document: unknown): string => JSON.stringify(canonical(document));

export const samePolicy = (a: unknown, b: unknown): boolean => canonicalPolicy(a) === canonicalPolicy(b);
