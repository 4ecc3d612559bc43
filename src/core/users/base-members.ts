// Memberships a version of the user map and teams file gives (the pull request's base): they
// tell removals made in git from members added by hand.
import { groupName } from '../desired-state.ts';
import type { GrantEnd, Teams, UserMap } from '../model.ts';
import { teamGroupName } from '../teams/names.ts';

/** Group name -> its members in `users` and, for the teams' groups, in `teams`. */
export const membershipsOf = (users: UserMap, teams: Teams = []): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const [account, roles] of users) {
    for (const [role, entries] of roles)
      out.set(groupName(account, role), new Set(entries.map((e) => e.userName)));
  }
  for (const team of teams) out.set(teamGroupName(team.name), new Set(team.members.map((m) => m.userName)));
  return out;
};

/** Group name -> user -> the end of their grant in `users` (undefined: it does not end). */
export const grantEndsOf = (users: UserMap): Map<string, Map<string, GrantEnd | undefined>> => {
  const out = new Map<string, Map<string, GrantEnd | undefined>>();
  for (const [account, roles] of users) {
    for (const [role, entries] of roles)
      out.set(groupName(account, role), new Map(entries.map((e) => [e.userName, e.until])));
  }
  return out;
};
