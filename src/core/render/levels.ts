// Privilege levels as short text, for table cells and warnings.
import type { AccessReview } from '../access/types.ts';
import type { GroupPlan } from '../plan/types.ts';
import type { PrivilegeLevel } from '../privilege/privilege.ts';

/** ` (admin)` after an `account.role`; nothing when the level is not known. */
export const levelSuffix = (level: PrivilegeLevel | undefined): string =>
  level === undefined ? '' : ` (${level})`;

/** The level of a role in the review: after the change, or before it for a role that goes. */
export const roleLevel = (
  access: AccessReview | undefined,
  role: string | undefined,
): PrivilegeLevel | undefined => {
  const found = access?.roles.find((r) => r.role === role);
  return found?.level ?? found?.before;
};

/** Group name -> the level of its role, for every group that names a role of the review. */
export const groupLevels = (
  groups: readonly GroupPlan[],
  access: AccessReview | undefined,
): ReadonlyMap<string, PrivilegeLevel> =>
  new Map(
    groups.flatMap((g) => {
      const level = roleLevel(access, g.roleLogicalId);
      return level === undefined ? [] : [[g.name, level] as const];
    }),
  );
