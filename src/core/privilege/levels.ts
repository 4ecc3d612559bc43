// The order of privilege levels. `custom` is outside it: its power is not known, so no
// comparison with it can say "less" or "more".
import type { PrivilegeLevel } from './types.ts';

export type KnownLevel = Exclude<PrivilegeLevel, 'custom'>;

const RANKS: Readonly<Record<KnownLevel, number>> = { 'read-only': 0, write: 1, 'iam-write': 2, admin: 3 };

/** 0 for read-only up to 3 for admin; undefined for custom. */
export const levelRank = (level: PrivilegeLevel): number | undefined =>
  level === 'custom' ? undefined : RANKS[level];

/** Negative when `a` grants less than `b`, 0 when equal, positive when more; undefined when either is custom (and they differ). */
export const compareLevels = (a: PrivilegeLevel, b: PrivilegeLevel): number | undefined => {
  if (a === b) return 0;
  const ra = levelRank(a);
  const rb = levelRank(b);
  return ra === undefined || rb === undefined ? undefined : ra - rb;
};

export const maxKnownLevel = (levels: readonly KnownLevel[]): KnownLevel =>
  levels.reduce<KnownLevel>((top, l) => (RANKS[l] > RANKS[top] ? l : top), 'read-only');
