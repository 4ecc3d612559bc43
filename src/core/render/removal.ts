// Membership removals: a reviewer must tell a git change from drift, and a deleted
// group's members lose it as surely as removed ones.
import type { GroupPlan, MemberRemoval, RemovalOrigin } from '../plan/types.ts';
import { cellCode } from './escape.ts';

const ORIGIN_LABEL: Readonly<Record<RemovalOrigin, string>> = {
  git: '',
  drift: ' (outside git)',
  unknown: ' (not in the user map)',
};

/** A user or group name in a table cell, with where its removal comes from (`suffix` between). */
export const removalCell = (name: string, origin: RemovalOrigin, suffix = ''): string =>
  `${cellCode(name)}${suffix}${ORIGIN_LABEL[origin]}`;

/** Who leaves the group: its removals, and for a deleted group whoever is still listed. */
export const groupRemovals = (group: GroupPlan): MemberRemoval[] => {
  if (group.action !== 'delete') return [...group.membersToRemove];
  const listed = new Set(group.membersToRemove.map((m) => m.userName));
  // The group left git, so its remaining members leave with it.
  const rest = group.members
    .filter((u) => !listed.has(u))
    .map((userName) => ({ userName, origin: 'git' as const }));
  return [...group.membersToRemove, ...rest];
};
