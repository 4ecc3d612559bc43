// Membership removals: a reviewer must tell a git change from drift, and a deleted
// group's members lose it as surely as removed ones.
import type { RemovalOrigin } from '../plan/types.ts';
import { cellCode } from './escape.ts';

const ORIGIN_LABEL: Readonly<Record<RemovalOrigin, string>> = {
  git: '',
  drift: ' (outside git)',
  unknown: ' (not in the user map)',
  expired: ' (grant ended)',
};

/** A user or group name in a table cell, with where its removal comes from (`suffix` between). */
export const removalCell = (name: string, origin: RemovalOrigin, suffix = ''): string =>
  `${cellCode(name)}${suffix}${ORIGIN_LABEL[origin]}`;
