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
import { groupPolicyName } from '../core/desired-state.ts';
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

/** The role ARN a RoleModel group's policy allows; undefined when the group or its policy is not there. */
export const groupRoleArn = async (iam: IAMClient, group: string): Promise<string | undefined> => {
  try {
    const policy = await iam.send(
      new GetGroupPolicyCommand({ GroupName: group, PolicyName: groupPolicyName(group) }),
    );
    return assumableRoleArns(decodePolicyDocument(policy.PolicyDocument))[0];
  } catch (e) {
    if (nameOf(e) === 'NoSuchEntityException' || nameOf(e) === 'NoSuchEntity') return undefined;
    throw e;
  }
};

export interface CallerGrant {
  /** The group, `<account>.<role>`. */
  readonly group: string;
  readonly roleArn: string | undefined;
}

/** The caller's groups under `managedPath`, each with the role it allows. */
export const callerGrants = async (
  iam: IAMClient,
  userName: string,
  managedPath: string,
): Promise<CallerGrant[]> => {
  const groups: string[] = [];
  for await (const page of paginateListGroupsForUser({ client: iam }, { UserName: userName }))
    for (const g of page.Groups ?? []) if (g.GroupName && g.Path === managedPath) groups.push(g.GroupName);
  groups.sort();
  return Promise.all(groups.map(async (group) => ({ group, roleArn: await groupRoleArn(iam, group) })));
};
