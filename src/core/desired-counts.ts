// What valid files describe, counted once for every way `validate` shows it (job summary,
// terminal): the headline and each account's groups and members.
import type { DesiredState } from './model.ts';

export interface AccountCounts {
  readonly accountName: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly groups: number;
  readonly members: number;
}

export interface DesiredCounts {
  /** `The files are valid: 3 account(s), 12 group(s), 4 user(s) in 9 membership(s).` */
  readonly headline: string;
  readonly accounts: readonly AccountCounts[];
}

export const countDesired = (desired: DesiredState): DesiredCounts => {
  const listed = [...desired.groups, ...desired.teams];
  const users = new Set(listed.flatMap((g) => g.members.map((m) => m.userName)));
  const memberships = listed.reduce((n, g) => n + g.members.length, 0);
  const teams =
    desired.teams.length === 0
      ? ''
      : ` and ${desired.teams.length} team group(s) granting ${desired.teams.reduce((n, t) => n + t.pairs.length, 0)} account.role pair(s)`;
  return {
    headline: `The files are valid: ${desired.stacks.length} account(s), ${desired.groups.length} group(s)${teams}, ${users.size} user(s) in ${memberships} membership(s).`,
    accounts: desired.stacks.map((s) => {
      const groups = desired.groups.filter((g) => g.accountName === s.accountName);
      return {
        accountName: s.accountName,
        accountId: s.accountId,
        stackName: s.stackName,
        groups: groups.length,
        members: groups.reduce((n, g) => n + g.members.length, 0),
      };
    }),
  };
};
