// The membership part of a plan, alone: what the original CLI's `sync_users` did. Groups that
// exist get their members synced; creating or deleting groups and writing policies is left to
// a full update, and said. (The plan may be made without reading any stack: policies are
// ignored here, so unknown role ARNs do not matter.)
import type { GroupPlan, Plan } from './types.ts';

export interface MembershipPlan {
  /** Existing groups whose members change; nothing else of them changes. */
  readonly groups: readonly GroupPlan[];
  /** Groups with people to sync that only a full update can bring about. */
  readonly skipped: readonly { readonly group: string; readonly reason: string }[];
}

const membershipChanges = (g: GroupPlan): boolean =>
  g.membersToAdd.length > 0 || g.membersToRemove.length > 0;

export const membershipPlan = (plan: Plan): MembershipPlan => {
  const groups = plan.groups
    .filter((g) => g.action === 'update' && membershipChanges(g))
    .map((g): GroupPlan => ({ ...g, policy: undefined, extraPolicies: [] }));
  const skipped = plan.groups.flatMap((g) => {
    if (g.action === 'create' && g.members.length > 0)
      return [
        {
          group: g.name,
          reason: 'the group does not exist yet; `rolemodel update` creates it with its members',
        },
      ];
    if (g.action === 'delete' && (g.members.length > 0 || g.membersToRemove.length > 0))
      return [
        { group: g.name, reason: 'the files no longer have this group; `rolemodel update` deletes it' },
      ];
    return [];
  });
  return { groups, skipped };
};
