// What the files ask of the master account's group names and members that AWS cannot give:
// users who do not exist, a name taken by a group outside the managed path, a managed group
// whose name differs only in letter case. Pure; each problem at the line that causes it.
import { error } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import type { DesiredState, UserEntry } from '../model.ts';
import type { ObservedGroup, ObservedMaster } from '../observed.ts';
import { didYouMean } from '../suggest.ts';

const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));

/** A group the files ask for: a pair group or a team's; where it is written, and its members. */
export interface ListedGroup {
  readonly name: string;
  readonly path: string;
  readonly members: readonly UserEntry[];
  /** Where to report a problem with the group itself. */
  readonly position: Position | undefined;
  /** What to rename in the files to give it another name. */
  readonly renameHint: string;
}

export const listedGroups = (desired: DesiredState): ListedGroup[] => [
  ...desired.groups.map((g) => ({
    name: g.name,
    path: g.path,
    members: g.members,
    position: g.members[0]?.position,
    renameHint: `rename the account "${g.accountName}" in the config`,
  })),
  ...desired.teams.map((t) => ({
    name: t.name,
    path: t.path,
    members: t.members,
    position: t.position,
    renameHint: `rename the team "${t.team}"`,
  })),
];

export const unknownUsers = (desired: DesiredState, master: ObservedMaster): Diagnostic[] => {
  const known = sorted(master.users);
  return listedGroups(desired).flatMap((group) =>
    group.members
      .filter((m) => !master.users.has(m.userName))
      .map((m) =>
        error(
          m.position,
          `IAM user "${m.userName}" does not exist in the master account ${master.accountId}.${didYouMean(m.userName, known)}`,
          'RoleModel never creates users: create the user in IAM first, or fix the name.',
        ),
      ),
  );
};

/** IAM group names are unique across paths: a same-named group elsewhere blocks CreateGroup. */
export const nameCollisions = (
  desired: DesiredState,
  master: ObservedMaster,
  configFile: string,
): Diagnostic[] => {
  const taken = new Set([...master.unmanagedGroupNames].map((n) => n.toLowerCase()));
  return listedGroups(desired)
    .filter((g) => taken.has(g.name.toLowerCase()))
    .map((g) =>
      error(
        g.position ?? { file: configFile, line: 1, column: 1 },
        `The master account already has a group named "${g.name}" outside ${g.path}; RoleModel never touches it, so it cannot create its own.`,
        `Rename or remove that group in IAM, or ${g.renameHint}.`,
      ),
    );
};

/**
 * A managed group whose name differs from a desired one only in letter case is the same group
 * to IAM, but not the one the files name: it is never adopted (its members and policy would pass
 * silently to the other spelling) and never deleted; the plan is in error until one side is renamed.
 */
export const caseVariants = (desired: DesiredState, master: ObservedMaster): Map<string, ObservedGroup> => {
  const exact = new Set(listedGroups(desired).map((g) => g.name));
  const variants = new Map<string, ObservedGroup>();
  for (const group of master.groups)
    if (!exact.has(group.name)) variants.set(group.name.toLowerCase(), group);
  return variants;
};

export const caseClashes = (
  desired: DesiredState,
  variants: ReadonlyMap<string, ObservedGroup>,
  configFile: string,
): Diagnostic[] =>
  listedGroups(desired).flatMap((g) => {
    const existing = variants.get(g.name.toLowerCase());
    if (existing === undefined) return [];
    return [
      error(
        g.position ?? { file: configFile, line: 1, column: 1 },
        `The master account has a group "${existing.name}" under ${existing.path}, which IAM takes for "${g.name}" (names ignore letter case): RoleModel neither adopts it nor creates "${g.name}".`,
        `Write the name in the files exactly as that group has it, or rename or delete the group "${existing.name}" in IAM.`,
      ),
    ];
  });
