// What exists and who can assume what: the `list` command's view, built purely from the
// observed stacks and the master account's groups.
import { accessMatrix } from './access/matrix.ts';
import type { UserAccessRow } from './access/matrix.ts';
import type { ListedAccount, ListedAccountInput } from './listed.ts';
import type { Partition } from './model.ts';
import type { ObservedMaster } from './observed.ts';
import type { RolePrivilege } from './privilege/privilege.ts';

export type { ListedAccount, ListedAccountInput, ListedRole } from './listed.ts';

export interface Listing {
  readonly stackName: string;
  readonly masterAccountId: string;
  readonly accounts: readonly ListedAccount[];
  /** user -> the `account.role` groups they are in. */
  readonly users: readonly { readonly userName: string; readonly grants: readonly string[] }[];
  /** People x `account.role` with levels, profiles and links; empty without the template's analysis. */
  readonly access: readonly UserAccessRow[];
  /** Groups under the managed path that no configured account and role explains. */
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

export const buildListing = (
  stackName: string,
  partition: Partition,
  accounts: readonly ListedAccountInput[],
  master: ObservedMaster,
  privileges: ReadonlyMap<string, RolePrivilege> = new Map(),
): Listing => {
  const groups = new Map(master.groups.map((g) => [g.name, g]));
  const explained = new Set<string>();
  const listed = accounts.map((account): ListedAccount => ({
    accountName: account.accountName,
    accountId: account.accountId,
    stackStatus: account.stackStatus,
    error: account.error,
    roles: account.roles.map((role) => {
      const group = `${account.accountName}.${role.logicalId}`;
      explained.add(group);
      return {
        ...role,
        group,
        members: groups.get(group)?.members ?? [],
        switchRoleUrl: switchRoleUrl(partition, account.accountId, role.arn, group),
        level: privileges.get(role.logicalId)?.level,
        requiresMfa: privileges.get(role.logicalId)?.trust.requiresMfa ?? false,
      };
    }),
  }));
  const grants = new Map<string, string[]>();
  for (const group of master.groups) {
    for (const user of group.members) grants.set(user, [...(grants.get(user) ?? []), group.name]);
  }
  return {
    stackName,
    masterAccountId: master.accountId,
    accounts: listed,
    users: [...grants]
      .map(([userName, list]) => ({ userName, grants: [...list].sort() }))
      .sort((a, b) => a.userName.localeCompare(b.userName)),
    access: privileges.size === 0 ? [] : accessMatrix(listed, partition, master.accountId, privileges),
    otherGroups: master.groups
      .filter((g) => !explained.has(g.name))
      .map((g) => ({ name: g.name, members: g.members })),
  };
};
