// Who the caller is and what RoleModel lets them assume, read from the master account with
// their own credentials: GetUser (else GetCallerIdentity), their MFA devices, and their groups
// under the managed path with the role ARN each group's inline policy allows.
import {
  GetGroupPolicyCommand,
  GetUserCommand,
  paginateListGroupsForUser,
  paginateListMFADevices,
} from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { assumableRoleArns } from '../core/access/assumable.ts';
import { grantNameOfArn } from '../core/access/grant-name.ts';
import type { NamingFiles } from '../core/access/grant-name.ts';
import { groupPolicyName } from '../core/desired-state.ts';
import { teamOfGroup } from '../core/teams/names.ts';
import { decodePolicyDocument } from './iam/observe-master.ts';

export type Caller =
  /** An IAM user: their name names the sessions. */
  | { readonly kind: 'user'; readonly userName: string; readonly arn: string; readonly accountId: string }
  /** Anything else (an SSO or other role session): the last part of its ARN names the sessions. */
  | { readonly kind: 'other'; readonly name: string; readonly arn: string; readonly accountId: string };

const nameOf = (e: unknown): string => (e as { name?: string } | null)?.name ?? '';

const accountOfArn = (arn: string): string => arn.split(':')[4] ?? '';

export const whoAmI = async (iam: IAMClient, sts: STSClient): Promise<Caller> => {
  try {
    const user = (await iam.send(new GetUserCommand({}))).User;
    if (user?.UserName && user.Arn && user.Arn.includes(':user/'))
      return { kind: 'user', userName: user.UserName, arn: user.Arn, accountId: accountOfArn(user.Arn) };
  } catch (e) {
    // Role sessions cannot call GetUser without a name; STS still says who they are.
    if (nameOf(e) !== 'ValidationError' && nameOf(e) !== 'ValidationException') throw e;
  }
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  const arn = identity.Arn ?? '';
  return { kind: 'other', name: arn.slice(arn.lastIndexOf('/') + 1), arn, accountId: identity.Account ?? '' };
};

export const mfaDevices = async (iam: IAMClient, userName: string): Promise<string[]> => {
  const serials: string[] = [];
  for await (const page of paginateListMFADevices({ client: iam }, { UserName: userName }))
    for (const d of page.MFADevices ?? []) if (d.SerialNumber) serials.push(d.SerialNumber);
  return serials;
};

/** The role ARNs a RoleModel group's policy allows; none when the group or its policy is not there. */
const groupRoleArns = async (iam: IAMClient, group: string): Promise<string[]> => {
  try {
    const policy = await iam.send(
      new GetGroupPolicyCommand({ GroupName: group, PolicyName: groupPolicyName(group) }),
    );
    return assumableRoleArns(decodePolicyDocument(policy.PolicyDocument));
  } catch (e) {
    if (nameOf(e) === 'NoSuchEntityException' || nameOf(e) === 'NoSuchEntity') return [];
    throw e;
  }
};

/** The role ARN a RoleModel `<account>.<role>` group's policy allows; undefined when the group or its policy is not there. */
export const groupRoleArn = async (iam: IAMClient, group: string): Promise<string | undefined> =>
  (await groupRoleArns(iam, group))[0];

export interface CallerGrant {
  /** `<account>.<role>`: the group's name, or for a role granted by a team, the role's. */
  readonly group: string;
  readonly roleArn: string | undefined;
  /** The team's group, for a role granted by a team. */
  readonly team?: string;
}

/**
 * The caller's groups under `managedPath`, each with the role it allows; a team's group gives
 * one grant per role it allows (named by `files` when given), unless an own group grants it too.
 */
export const callerGrants = async (
  iam: IAMClient,
  userName: string,
  managedPath: string,
  files?: NamingFiles,
): Promise<CallerGrant[]> => {
  const groups: string[] = [];
  for await (const page of paginateListGroupsForUser({ client: iam }, { UserName: userName }))
    for (const g of page.Groups ?? []) if (g.GroupName && g.Path === managedPath) groups.push(g.GroupName);
  groups.sort();
  const read = await Promise.all(
    groups.map(async (group) => ({ group, arns: await groupRoleArns(iam, group) })),
  );
  const own: CallerGrant[] = read
    .filter((g) => teamOfGroup(g.group) === undefined)
    .map((g) => ({ group: g.group, roleArn: g.arns[0] }));
  const held = new Set(own.map((g) => g.roleArn));
  const byTeams = new Map<string, CallerGrant>();
  for (const { group, arns } of read.filter((g) => teamOfGroup(g.group) !== undefined))
    for (const roleArn of arns)
      if (!held.has(roleArn) && !byTeams.has(roleArn))
        byTeams.set(roleArn, { group: grantNameOfArn(roleArn, files), roleArn, team: group });
  return [...own, ...byTeams.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
};
