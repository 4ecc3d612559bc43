// Managed policies attached to a RoleModel group outside git, in the master-account table:
// each with the level it grants every member of the group, so a reviewer sees how much
// power the drift gave before apply detaches it.
import type { GroupPlan } from '../plan/types.ts';
import { cellCode, escapeMarkdown } from './escape.ts';

const LEVEL_ICON: Readonly<Record<string, string>> = { admin: '🔴 ', 'iam-write': '🟠 ' };

/** One line per attached policy: `detaches managed policy `Name` (admin: why)`. */
export const renderDetaches = (group: GroupPlan): string[] =>
  (group.managedPolicies ?? []).map(
    (p) =>
      `${LEVEL_ICON[p.level] ?? ''}detaches managed policy ${cellCode(p.name)} (**${p.level}**: ${escapeMarkdown(p.note)}), attached outside git`,
  );
