// A person whom the user map puts in `account.role` and a team grants the same: not wrong, but
// the user map's line changes nothing while they are in the team. Said as a notice on that line.
import { notice } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { DesiredTeamGroup, UserMap } from '../model.ts';

export const redundantGrants = (users: UserMap, teams: readonly DesiredTeamGroup[]): Diagnostic[] =>
  [...users].flatMap(([account, roles]) =>
    [...roles].flatMap(([role, entries]) =>
      entries.flatMap((entry) => {
        const team = teams.find(
          (t) =>
            t.pairs.some((p) => p.account === account && p.role === role) &&
            t.members.some((m) => m.userName.toLowerCase() === entry.userName.toLowerCase()),
        );
        if (team === undefined) return [];
        return [
          notice(
            entry.position,
            `${entry.userName} also holds ${account}.${role} through team ${team.team} (${team.position.file}:${team.position.line}); this line changes nothing while they are in it.`,
            `Remove it, or keep it if ${entry.userName} should keep ${account}.${role} after leaving the team.`,
          ),
        ];
      }),
    ),
  );
