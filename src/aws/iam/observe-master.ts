// The master account's users, groups, memberships and group policies, read with
// GetAccountAuthorizationDetails: a few paginated calls, however many groups there are.
import { paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { ObservedGroup, ObservedMaster } from '../../core/observed.ts';

/** IAM returns policy documents URL-encoded. */
export const decodePolicyDocument = (encoded: string | undefined): unknown => {
  if (encoded === undefined) return undefined;
  const text = encoded.trimStart().startsWith('{') ? encoded : decodeURIComponent(encoded);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export const observeMaster = async (
  client: IAMClient,
  accountId: string,
  managedPath: string,
): Promise<ObservedMaster> => {
  const users = new Set<string>();
  const membersByGroup = new Map<string, string[]>();
  const groups: { name: string; path: string; arn: string; policies: ObservedGroup['policies'] }[] = [];
  const unmanagedGroupNames = new Set<string>();
  const groupsOfUser = new Map<string, readonly string[]>();
  const pages = paginateGetAccountAuthorizationDetails(
    { client, pageSize: 1000 },
    { Filter: ['User', 'Group'] },
  );
  for await (const page of pages) {
    for (const user of page.UserDetailList ?? []) {
      if (!user.UserName) continue;
      users.add(user.UserName);
      groupsOfUser.set(user.UserName, user.GroupList ?? []);
      for (const group of user.GroupList ?? []) {
        const list = membersByGroup.get(group) ?? [];
        list.push(user.UserName);
        membersByGroup.set(group, list);
      }
    }
    for (const group of page.GroupDetailList ?? []) {
      if (!group.GroupName) continue;
      // Filtered here too: never act on a group outside the managed path.
      if (group.Path !== managedPath) {
        unmanagedGroupNames.add(group.GroupName);
        continue;
      }
      groups.push({
        name: group.GroupName,
        path: group.Path,
        arn: group.Arn ?? '',
        policies: (group.GroupPolicyList ?? []).map((p) => ({
          name: p.PolicyName ?? '',
          document: decodePolicyDocument(p.PolicyDocument),
        })),
      });
    }
  }
  return {
    accountId,
    users,
    groups: groups
      .map((g) => ({ ...g, members: [...(membersByGroup.get(g.name) ?? [])].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unmanagedGroupNames,
    unmanagedGroupsOfUser: new Map(
      [...groupsOfUser].map(([user, list]) => [user, list.filter((g) => unmanagedGroupNames.has(g))]),
    ),
  };
};
