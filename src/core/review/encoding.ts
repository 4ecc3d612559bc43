// The fingerprint as text small enough for a comment: people and pairs numbered once, each
// person's pairs as numbers, deflated and base64url-encoded. 1,000 people holding a few
// pairs each in 100 accounts take a few kilobytes (measured by a unit test).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Fingerprint, ReviewedEscalation, ReviewedRole } from './fingerprint.ts';

/** The hidden HTML comment that carries it; nothing in it can close the comment (base64url only). */
const MARKER = 'rolemodel-fingerprint';
const PREFIX = 'v1.';

interface Packed {
  readonly h?: string;
  readonly b?: string;
  readonly r: Readonly<Record<string, ReviewedRole>>;
  /** Every pair once, sorted. */
  readonly p: readonly string[];
  /** [user, pair numbers] */
  readonly a: readonly (readonly [string, readonly number[]])[];
  readonly e: readonly ReviewedEscalation[];
}

const pack = (f: Fingerprint): Packed => {
  const pairs = [...new Set(Object.values(f.access).flat())].sort();
  const index = new Map(pairs.map((p, i) => [p, i]));
  return {
    ...(f.head ? { h: f.head } : {}),
    ...(f.base ? { b: f.base } : {}),
    r: f.roles,
    p: pairs,
    a: Object.entries(f.access).map(([user, held]) => [user, held.map((p) => index.get(p) ?? -1)] as const),
    e: f.escalations,
  };
};

export const encodeFingerprint = (f: Fingerprint): string =>
  `${PREFIX}${deflateRawSync(Buffer.from(JSON.stringify(pack(f))), { level: 9 }).toString('base64url')}`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fingerprint in a text, or undefined when it is not one (never throws: comments are anyone's text). */
export const decodeFingerprint = (text: string): Fingerprint | undefined => {
  if (!text.startsWith(PREFIX) || !/^[A-Za-z0-9_-]+$/.test(text.slice(PREFIX.length))) return undefined;
  try {
    const packed: unknown = JSON.parse(
      inflateRawSync(Buffer.from(text.slice(PREFIX.length), 'base64url'), {
        maxOutputLength: 64 * 1024 * 1024,
      }).toString('utf8'),
    );
    if (
      !isRecord(packed) ||
      !isRecord(packed['r']) ||
      !Array.isArray(packed['p']) ||
      !Array.isArray(packed['a'])
    )
      return undefined;
    const pairs = packed['p'].filter((p): p is string => typeof p === 'string');
    const access: Record<string, string[]> = {};
    for (const entry of packed['a']) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined;
      access[entry[0]] = (entry[1] as unknown[]).flatMap((n) =>
        typeof n === 'number' && pairs[n] !== undefined ? [pairs[n]] : [],
      );
    }
    return {
      version: 1,
      head: typeof packed['h'] === 'string' ? packed['h'] : undefined,
      base: typeof packed['b'] === 'string' ? packed['b'] : undefined,
      roles: packed['r'] as Record<string, ReviewedRole>,
      access,
      escalations: Array.isArray(packed['e']) ? (packed['e'] as ReviewedEscalation[]) : [],
    };
  } catch {
    return undefined;
  }
};

/** The line a plan comment carries. */
export const fingerprintLine = (encoded: string): string => `<!-- ${MARKER}: ${encoded} -->`;

/** The fingerprint a comment carries, if it carries one. */
export const fingerprintInComment = (body: string): Fingerprint | undefined => {
  const match = new RegExp(`<!-- ${MARKER}: (\\S+) -->`).exec(body);
  return match?.[1] === undefined ? undefined : decodeFingerprint(match[1]);
};
