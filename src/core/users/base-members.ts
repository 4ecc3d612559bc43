// Memberships a version of the user map and teams file gives (the pull request's base): they
// tell removals made in git from members added by hand, and show a change that moves an end.
import type { GrantEnd, Teams, UserMap } from '../model.ts';
import { grantListsOf } from './grant-lists.ts';

/** Group name -> its members in `users` and, for the teams' groups, in `teams`. */
export const membershipsOf = (users: UserMap, teams: Teams = []): Map<string, Set<string>> =>
  new Map(grantListsOf(users, teams).map((l) => [l.group, new Set(l.entries.map((e) => e.userName))]));

/** Group name -> user -> the end of their grant (undefined: it does not end). */
export const grantEndsOf = (
  users: UserMap,
  teams: Teams = [],
): Map<string, Map<string, GrantEnd | undefined>> =>
  new Map(
    grantListsOf(users, teams).map((l) => [l.group, new Map(l.entries.map((e) => [e.userName, e.until]))]),
  );
