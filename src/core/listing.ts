// What exists and who can assume what: the `list` command's view, built purely from the
// observed stacks and the master account's groups. Who can assume a role is effective access:
// the members of its own group and of every team whose policy allows it.
import { assumableRoleArns } from './access/assumable.ts';
import { accessMatrix } from './access/matrix.ts';
import type { UserAccessRow } from './access/matrix.ts';
import type { ListedAccount, ListedAccountInput, ListedTeamMembers, MembershipEnd } from './listed.ts';
import type { DesiredState, Partition } from './model.ts';
import type { ObservedGroup, ObservedMaster } from './observed.ts';
import { byText } from './collections.ts';
import type { RolePrivilege } from './privilege/privilege.ts';
import { teamOfGroup } from './teams/names.ts';

export type {
  ListedAccount,
  ListedAccountInput,
  ListedRole,
  ListedTeamMembers,
  MembershipEnd,
  TimedMembers,
} from './listed.ts';

export interface Listing {
  /** The time the listing is for (ISO 8601), from which grants' ends are counted; absent without the files' grants. */
  readonly at?: string;
  readonly stackName: string;
  readonly masterAccountId: string;
  readonly accounts: readonly ListedAccount[];
  /** user -> the `account.role` they can assume (through their own groups or teams), and other groups they are in. */
  readonly users: readonly { readonly userName: string; readonly grants: readonly string[] }[];
  /** The groups of the teams in the files, with what each grants. */
  readonly teams: readonly (ListedTeamMembers & {
    readonly group: string;
    /** `account.role` its policy allows, of the roles listed. */
    readonly grants: readonly string[];
  })[];
  /** People x `account.role` with levels, profiles and links; empty without the template's analysis. */
  readonly access: readonly UserAccessRow[];
  /** Groups under the managed path that no configured account and role, nor team, explains. */
  readonly otherGroups: readonly { readonly name: string; readonly members: readonly string[] }[];
}

const SIGNIN_HOST: Record<Partition, string> = {
  aws: 'signin.aws.amazon.com',
  'aws-cn': 'signin.amazonaws.cn',
  'aws-us-gov': 'signin.amazonaws-us-gov.com',
};

/** The console's "Switch role" link; the role name keeps its path, as the console expects. */
export const switchRoleUrl = (
  partition: Partition,
  accountId: string,
  arn: string,
  displayName: string,
): string => {
  const roleName = arn.slice(arn.indexOf(':role/') + ':role/'.length);
  const query = new URLSearchParams({ account: accountId, roleName, displayName });
  return `https://${SIGNIN_HOST[partition]}/switchrole?${query.toString()}`;
};

/** Group -> user -> the end of their grant, for grants that end (ended ones included). */
export type GrantEnds = ReadonlyMap<string, ReadonlyMap<string, MembershipEnd>>;

/** What the files say that AWS cannot: when grants end, and which groups are teams. */
export interface ListingFiles {
  /** The time the ends are judged at. */
  readonly at: string;
  readonly ends: GrantEnds;
  /** The teams of the files: their groups are explained, others under the path are not. */
  readonly teamNames: readonly string[];
}

/** The ends the files give (user map and teams), at the desired state's time. */
export const grantEndsIn = (desired: DesiredState): GrantEnds => {
  const now = Date.parse(desired.at);
  return new Map(
    [...desired.groups, ...desired.teams].map((g) => [
      g.name,
      new Map(
        [...g.members, ...g.expired].flatMap((m): [string, MembershipEnd][] =>
          m.until === undefined
            ? []
            : [
                [
                  m.userName,
                  {
                    userName: m.userName,
                    until: m.until.written,
                    endsAt: m.until.endsAt,
                    ...(m.reason === undefined ? {} : { reason: m.reason }),
                    ended: Date.parse(m.until.endsAt) <= now,
                  },
                ],
              ],
        ),
      ),
    ]),
  );
};

/** Role ARN -> its `account.role`, for the roles listed. */
const pairsByArn = (accounts: readonly ListedAccountInput[]): Map<string, string> =>
  new Map(accounts.flatMap((a) => a.roles.map((r) => [r.arn, `${a.accountName}.${r.logicalId}`] as const)));

/** The `account.role` a team's group lets its members assume, by its policies' role ARNs. */
const teamGrants = (group: ObservedGroup, byArn: ReadonlyMap<string, string>): string[] => [
  ...new Set(
    group.policies.flatMap((p) => assumableRoleArns(p.document).flatMap((arn) => byArn.get(arn) ?? [])),
  ),
];

export const buildListing = (
  stackName: string,
  partition: Partition,
  accounts: readonly ListedAccountInput[],
  master: ObservedMaster,
  privileges: ReadonlyMap<string, RolePrivilege> = new Map(),
  fromFiles: ListingFiles | undefined = undefined,
): Listing => {
  const groups = new Map(master.groups.map((g) => [g.name, g]));
  const byArn = pairsByArn(accounts);
  /** The ends the files give to the members of a group. */
  const endsOf = (group: string, members: readonly string[]) => {
    const ends = members.flatMap((u) => fromFiles?.ends.get(group)?.get(u) ?? []);
    return ends.length > 0 ? { ends } : {};
  };
  const teamGroups = master.groups.flatMap((g) => {
    const team = teamOfGroup(g.name);
    return team !== undefined && (fromFiles?.teamNames ?? []).includes(team)
      ? [
          {
            team,
            group: g.name,
            members: g.members,
            ...endsOf(g.name, g.members),
            grants: teamGrants(g, byArn),
          },
        ]
      : [];
  });
  const explained = new Set<string>(teamGroups.map((t) => t.group));
  const listed = accounts.map((account): ListedAccount => ({
    accountName: account.accountName,
    accountId: account.accountId,
    stackStatus: account.stackStatus,
    error: account.error,
    roles: account.roles.map((role) => {
      const group = `${account.accountName}.${role.logicalId}`;
      explained.add(group);
      const members = groups.get(group)?.members ?? [];
      const teams = teamGroups
        .filter((t) => t.grants.includes(group))
        .map(({ team, members, ends }) => ({ team, members, ...(ends === undefined ? {} : { ends }) }));
      return {
        ...role,
        group,
        members,
        ...endsOf(group, members),
        teams,
        holders: [...new Set([...members, ...teams.flatMap((t) => t.members)])].sort(byText),
        switchRoleUrl: switchRoleUrl(partition, account.accountId, role.arn, group),
        level: privileges.get(role.logicalId)?.level,
        requiresMfa: privileges.get(role.logicalId)?.trust.requiresMfa ?? false,
      };
    }),
  }));
  const grants = new Map<string, Set<string>>();
  const grant = (user: string, what: string) => grants.set(user, (grants.get(user) ?? new Set()).add(what));
  for (const group of master.groups) {
    const team = teamGroups.find((t) => t.group === group.name);
    for (const user of group.members)
      for (const what of team === undefined ? [group.name] : team.grants) grant(user, what);
  }
  return {
    ...(fromFiles === undefined ? {} : { at: fromFiles.at }),
    stackName,
    masterAccountId: master.accountId,
    accounts: listed,
    users: [...grants]
      .map(([userName, list]) => ({ userName, grants: [...list].sort() }))
      .sort((a, b) => a.userName.localeCompare(b.userName)),
    teams: teamGroups,
    access: privileges.size === 0 ? [] : accessMatrix(listed, partition, master.accountId, privileges),
    otherGroups: master.groups
      .filter((g) => !explained.has(g.name))
      .map((g) => ({ name: g.name, members: g.members })),
  };
};
