import { iamUniqueId } from '../../util/ids.ts';
import {
  alreadyExists,
  deleteConflict,
  limitExceeded,
  noSuchEntity,
  noSuchPolicy,
  notAttachable,
} from '../errors.ts';
import { iamArn, nameKey, type IamManagedPolicy, type IamState } from '../model.ts';
import { LIMITS, validateName, validatePath, validatePolicyDocument } from '../validation.ts';
import type { IamEnv } from './env.ts';
import { getGroup } from './groups.ts';
import { getRole } from './roles.ts';
import { getUser } from './users.ts';

const AWS_MANAGED_ARN = /^arn:aws:iam::aws:policy\/.+/;

export function isAwsManagedArn(arn: string): boolean {
  return AWS_MANAGED_ARN.test(arn);
}

/** Customer managed policies must exist in the account; AWS managed ones are assumed to exist. */
export function requireAttachable(state: IamState, arn: string): void {
  if (!isAwsManagedArn(arn) && !state.policies.has(arn)) throw notAttachable(arn);
}

type Attachable = { attachedPolicyArns: string[] };

/** IAM's quota of managed policies per entity, by the name its LimitExceeded message uses. */
interface AttachQuota {
  readonly name: string;
  readonly limit: number;
}

function attach(state: IamState, target: Attachable, arn: string, quota?: AttachQuota): void {
  requireAttachable(state, arn);
  if (target.attachedPolicyArns.includes(arn)) return;
  if (quota !== undefined && target.attachedPolicyArns.length >= quota.limit) {
    throw limitExceeded(`Cannot exceed quota for ${quota.name}: ${quota.limit}`);
  }
  target.attachedPolicyArns.push(arn);
}

function detach(target: Attachable, arn: string): void {
  const index = target.attachedPolicyArns.indexOf(arn);
  if (index < 0) throw noSuchEntity(`Policy ${arn} was not found.`);
  target.attachedPolicyArns.splice(index, 1);
}

export const attachRolePolicy = (state: IamState, roleName: string, arn: string): void =>
  attach(state, getRole(state, roleName), arn, {
    name: 'PoliciesPerRole',
    limit: LIMITS.managedPoliciesPerRole,
  });
export const detachRolePolicy = (state: IamState, roleName: string, arn: string): void =>
  detach(getRole(state, roleName), arn);
export const attachGroupPolicy = (state: IamState, groupName: string, arn: string): void =>
  attach(state, getGroup(state, groupName), arn, {
    name: 'PoliciesPerGroup',
    limit: LIMITS.managedPoliciesPerGroup,
  });
export const detachGroupPolicy = (state: IamState, groupName: string, arn: string): void =>
  detach(getGroup(state, groupName), arn);
export const attachUserPolicy = (state: IamState, userName: string, arn: string): void =>
  attach(state, getUser(state, userName), arn);
export const detachUserPolicy = (state: IamState, userName: string, arn: string): void =>
  detach(getUser(state, userName), arn);

export interface ManagedPolicyInput {
  name: string;
  path?: string;
  document: string;
  description?: string;
}

export function getManagedPolicy(state: IamState, arn: string): IamManagedPolicy {
  const policy = state.policies.get(arn);
  if (!policy) throw noSuchPolicy(arn);
  return policy;
}

export function createManagedPolicy(
  state: IamState,
  env: IamEnv,
  input: ManagedPolicyInput,
): IamManagedPolicy {
  const path = input.path ?? '/';
  validateName('PolicyName', input.name, LIMITS.policyName);
  validatePath('Path', path);
  validatePolicyDocument(input.document);
  const arn = iamArn(state.account, 'policy', path, input.name);
  const clash = [...state.policies.values()].some((p) => nameKey(p.name) === nameKey(input.name));
  if (clash)
    throw alreadyExists(`A policy called ${input.name} already exists. Duplicate names are not allowed.`);
  const now = env.now();
  const policy: IamManagedPolicy = {
    name: input.name,
    path,
    id: iamUniqueId(env.rng, 'ANPA'),
    arn,
    description: input.description,
    document: input.document,
    createDate: now,
    updateDate: now,
    versionId: 'v1',
  };
  state.policies.set(arn, policy);
  return policy;
}

/** A document change creates a new default version, as CloudFormation does on update. */
export function updateManagedPolicyDocument(
  state: IamState,
  env: IamEnv,
  arn: string,
  document: string,
): void {
  validatePolicyDocument(document);
  const policy = getManagedPolicy(state, arn);
  if (policy.document === document) return;
  policy.document = document;
  policy.updateDate = env.now();
  policy.versionId = `v${Number(policy.versionId.slice(1)) + 1}`;
}

export function policyAttachmentCount(state: IamState, arn: string): number {
  const holders: Attachable[] = [...state.users.values(), ...state.groups.values(), ...state.roles.values()];
  return holders.filter((h) => h.attachedPolicyArns.includes(arn)).length;
}

export function deleteManagedPolicy(state: IamState, arn: string): void {
  getManagedPolicy(state, arn);
  if (policyAttachmentCount(state, arn) > 0)
    throw deleteConflict('Cannot delete a policy attached to entities.');
  state.policies.delete(arn);
}
