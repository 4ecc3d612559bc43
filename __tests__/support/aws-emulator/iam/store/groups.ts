import { iamUniqueId } from '../../util/ids.ts';
import {
  alreadyExists,
  deleteConflict,
  limitExceeded,
  noSuchEntity,
  noSuchGroup,
  noSuchUser,
} from '../errors.ts';
import { iamArn, nameKey, type IamGroup, type IamState, type IamUser } from '../model.ts';
import {
  LIMITS,
  validateName,
  validatePath,
  validatePolicyDocument,
  withinInlineQuota,
} from '../validation.ts';
import type { IamEnv } from './env.ts';
import { getUser, groupsForUser } from './users.ts';

/** A group still inside its consistency window is not found yet, as in IAM. */
export function getGroup(state: IamState, name: string): IamGroup {
  const group = state.groups.get(nameKey(name));
  if (!group || group.visibleAt > Date.now()) throw noSuchGroup(name);
  return group;
}

export function createGroup(state: IamState, env: IamEnv, name: string, path = '/'): IamGroup {
  validateName('GroupName', name, LIMITS.groupName);
  validatePath('Path', path);
  if (state.groups.has(nameKey(name))) throw alreadyExists(`Group with name ${name} already exists.`);
  if (state.groups.size >= state.quotas.GroupsQuota)
    throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${state.quotas.GroupsQuota}`);
  const group: IamGroup = {
    name,
    path,
    id: iamUniqueId(env.rng, 'AGPA'),
    arn: iamArn(state.account, 'group', path, name),
    createDate: env.now(),
    members: new Set(),
    policies: new Map(),
    attachedPolicyArns: [],
    visibleAt: 0,
  };
  state.groups.set(nameKey(name), group);
  return group;
}

export function deleteGroup(state: IamState, name: string): void {
  const group = getGroup(state, name);
  if (group.members.size > 0)
    throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (group.policies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (group.attachedPolicyArns.length > 0)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  state.groups.delete(nameKey(name));
}

export function addUserToGroup(state: IamState, groupName: string, userName: string): void {
  const group = getGroup(state, groupName);
  const user = getUser(state, userName);
  const key = nameKey(user.name);
  if (group.members.has(key)) return;
  if (groupsForUser(state, userName).length >= state.quotas.GroupsPerUserQuota) {
    throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${state.quotas.GroupsPerUserQuota}`);
  }
  group.members.add(key);
}

export function removeUserFromGroup(state: IamState, groupName: string, userName: string): void {
  const group = getGroup(state, groupName);
  const user = getUser(state, userName);
  if (!group.members.delete(nameKey(user.name))) throw noSuchUser(userName);
}

export function groupMembers(state: IamState, group: IamGroup): IamUser[] {
  return [...group.members].flatMap((key) => {
    const user = state.users.get(key);
    return user ? [user] : [];
  });
}

export function putGroupPolicy(
  state: IamState,
  groupName: string,
  policyName: string,
  document: string,
): void {
  validateName('PolicyName', policyName, LIMITS.policyName);
  validatePolicyDocument(document);
  const group = getGroup(state, groupName);
  const limit = state.quotas.GroupPolicySizeQuota;
  if (!withinInlineQuota(group.policies, policyName, document, limit)) {
    throw limitExceeded(`Maximum policy size of ${limit} bytes exceeded for group ${group.name}`);
  }
  group.policies.set(policyName, document);
}

export function getGroupPolicy(state: IamState, groupName: string, policyName: string): string {
  const document = getGroup(state, groupName).policies.get(policyName);
  if (document === undefined) throw noSuchEntity(`The group policy with name ${policyName} cannot be found.`);
  return document;
}

export function deleteGroupPolicy(state: IamState, groupName: string, policyName: string): void {
  getGroupPolicy(state, groupName, policyName);
  getGroup(state, groupName).policies.delete(policyName);
}
