// The part of a plan that only takes access away, for the scheduled run: members whose grant
// ended and, when asked, members added by hand. Nothing is created, written or added, so
// running it can never widen access, and it needs no review (the end date was reviewed).
import type { GroupPlan, MemberRemoval } from './types.ts';

export interface NarrowingOptions {
  /** Also remove members that are in AWS but not in the user map (drift). */
  readonly repairDrift: boolean;
}

const narrowing = (removal: MemberRemoval, options: NarrowingOptions): boolean =>
  removal.origin === 'expired' || (options.repairDrift && removal.origin === 'drift');

/**
 * Existing groups (created ones have no members; deleted ones are apply's) with only the
 * removals allowed; a group with none left is not returned.
 */
export const narrowingPlan = (groups: readonly GroupPlan[], options: NarrowingOptions): GroupPlan[] =>
  groups.flatMap((group): GroupPlan[] => {
    if (group.action !== 'update' && group.action !== 'no-change') return [];
    const membersToRemove = group.membersToRemove.filter((r) => narrowing(r, options));
    if (membersToRemove.length === 0) return [];
    // Members now (the plan's after, less its additions, plus its removals), less these removals.
    const added = new Set(group.membersToAdd);
    const gone = new Set(membersToRemove.map((r) => r.userName));
    const now = [
      ...group.members.filter((u) => !added.has(u)),
      ...group.membersToRemove.map((r) => r.userName),
    ];
    return [
      {
        ...group,
        action: 'update',
        policy: undefined,
        extraPolicies: [],
        membersToAdd: [],
        membersToRemove,
        members: [...new Set(now)].filter((u) => !gone.has(u)).sort(),
      },
    ];
  });
