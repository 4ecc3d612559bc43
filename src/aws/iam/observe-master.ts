// The master account's users, groups, memberships and group policies, read with
// GetAccountAuthorizationDetails: a few paginated calls, however many groups there are.
// Managed policies attached to a managed group are drift; the documents of customer managed
// ones are read (one more paginated call, only when there are any) to tell what they grant.
import { paginateGetAccountAuthorizationDetails } from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { AttachedPolicy, ObservedGroup, ObservedMaster } from '../../core/observed.ts';

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

const PAGE_SIZE = 1000;
const AWS_MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\//;

interface GroupRead {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly policies: ObservedGroup['policies'];
  readonly attachedPolicies: readonly AttachedPolicy[];
}

/** Default-version documents of the account's customer managed policies, by ARN. */
const localPolicyDocuments = async (client: IAMClient): Promise<Map<string, unknown>> => {
  const documents = new Map<string, unknown>();
  const pages = paginateGetAccountAuthorizationDetails(
    { client, pageSize: PAGE_SIZE },
    { Filter: ['LocalManagedPolicy'] },
  );
  for await (const page of pages) {
    for (const policy of page.Policies ?? []) {
      const current = (policy.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true);
      if (policy.Arn !== undefined && current !== undefined)
        documents.set(policy.Arn, decodePolicyDocument(current.Document));
    }
  }
  return documents;
};

/** The groups' attached customer managed policies, with their documents when they could be read. */
const withDocuments = async (client: IAMClient, groups: readonly GroupRead[]): Promise<GroupRead[]> => {
  const needed = groups.some((g) => g.attachedPolicies.some((p) => !AWS_MANAGED_ARN.test(p.arn)));
  if (!needed) return [...groups];
  const documents = await localPolicyDocuments(client);
  return groups.map((g) => ({
    ...g,
    attachedPolicies: g.attachedPolicies.map((p) =>
      documents.has(p.arn) ? { ...p, document: documents.get(p.arn) } : p,
    ),
  }));
};

export const observeMaster = async (
  client: IAMClient,
  accountId: string,
  managedPath: string,
): Promise<ObservedMaster> => {
  const users = new Set<string>();
  const membersByGroup = new Map<string, string[]>();
  const groups: GroupRead[] = [];
  const unmanagedGroupNames = new Set<string>();
  const groupsOfUser = new Map<string, readonly string[]>();
  const pages = paginateGetAccountAuthorizationDetails(
    { client, pageSize: PAGE_SIZE },
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
        attachedPolicies: (group.AttachedManagedPolicies ?? []).flatMap((p) =>
          p.PolicyArn === undefined ? [] : [{ arn: p.PolicyArn, name: p.PolicyName ?? p.PolicyArn }],
        ),
      });
    }
  }
  const read = await withDocuments(client, groups);
  return {
    accountId,
    users,
    groups: read
      .map((g) => ({ ...g, members: [...(membersByGroup.get(g.name) ?? [])].sort() }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    unmanagedGroupNames,
    unmanagedGroupsOfUser: new Map(
      [...groupsOfUser].map(([user, list]) => [user, list.filter((g) => unmanagedGroupNames.has(g))]),
    ),
  };
};
