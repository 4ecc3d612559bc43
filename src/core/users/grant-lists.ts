// Every list of people given a grant, by the IAM group it fills: each `account.role` list of
// the user map and each team's members. What is said of a grant (when it ends, whether a change
// added it, who held it on the base) is said the same way of both.
import { groupName } from '../desired-state.ts';
import type { Teams, UserEntry, UserMap } from '../model.ts';
import { teamGroupName } from '../teams/names.ts';

export interface GroupGrants {
  /** The IAM group: `<account>.<role>` or `team-<name>`. */
  readonly group: string;
  /** For messages: `prod.AdminRole`, `team sre`. */
  readonly where: string;
  readonly entries: readonly UserEntry[];
}

export const grantListsOf = (users: UserMap, teams: Teams = []): GroupGrants[] => [
  ...[...users].flatMap(([account, roles]) =>
    [...roles].map(([role, entries]) => {
      const group = groupName(account, role);
      return { group, where: group, entries };
    }),
  ),
  ...teams.map((team) => ({
    group: teamGroupName(team.name),
    where: `team ${team.name}`,
    entries: team.members,
  })),
];
