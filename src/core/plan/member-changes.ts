// A managed group's members: who the files list (and IAM has), against who is in it now.
import type { UserEntry } from '../model.ts';
import type { MemberRemoval, RemovalOrigin } from './types.ts';

export interface MemberChanges {
  readonly membersToAdd: readonly string[];
  readonly membersToRemove: readonly MemberRemoval[];
  /** Members after the change. */
  readonly members: readonly string[];
}

const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));

/**
 * Users who do not exist in IAM are left out (the plan reports them); a member not listed is
 * removed, as written in git or as drift, by `originOf`.
 */
export const memberChanges = (
  listed: readonly UserEntry[],
  current: readonly string[],
  existingUsers: ReadonlySet<string>,
  originOf: (user: string) => RemovalOrigin,
): MemberChanges => {
  const wanted = listed.map((m) => m.userName).filter((u) => existingUsers.has(u));
  const now = new Set(current);
  const wantedSet = new Set(wanted);
  return {
    membersToAdd: sorted(wanted.filter((u) => !now.has(u))),
    membersToRemove: sorted([...now].filter((u) => !wantedSet.has(u))).map((userName) => ({
      userName,
      origin: originOf(userName),
    })),
    members: sorted(wanted),
  };
};
