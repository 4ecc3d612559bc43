// Memberships a version of the user map gives (the pull request's base): they tell removals
// made in git from members added by hand.
import { groupName } from '../desired-state.ts';
import type { UserMap } from '../model.ts';

/** Group name -> its members in `users`. */
export const membershipsOf = (users: UserMap): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  for (const [account, roles] of users) {
    for (const [role, entries] of roles)
      out.set(groupName(account, role), new Set(entries.map((e) => e.userName)));
  }
  return out;
};
