// Who leaves a group: its removals, and for a deleted group whoever is still listed.
import type { GroupPlan, MemberRemoval } from './types.ts';

export const groupRemovals = (group: GroupPlan): MemberRemoval[] => {
  if (group.action !== 'delete') return [...group.membersToRemove];
  const listed = new Set(group.membersToRemove.map((m) => m.userName));
  // The group left git, so its remaining members leave with it.
  const rest = group.members
    .filter((u) => !listed.has(u))
    .map((userName) => ({ userName, origin: 'git' as const }));
  return [...group.membersToRemove, ...rest];
};
