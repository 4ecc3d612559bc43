import { iamUniqueId } from '../../util/ids.ts';
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity, noSuchRole } from '../errors.ts';
import { iamArn, nameKey, type IamRole, type IamState } from '../model.ts';
import {
  LIMITS,
  policySize,
  validateName,
  validatePath,
  validatePolicyDocument,
  withinInlineQuota,
} from '../validation.ts';
import type { IamEnv } from './env.ts';

export interface RoleInput {
  name: string;
  path?: string;
  trustPolicy: string;
  description?: string;
  maxSessionDuration?: number;
}

export function getRole(state: IamState, name: string): IamRole {
  const role = state.roles.get(nameKey(name));
  if (!role) throw noSuchRole(name);
  return role;
}

/** A trust policy over the account's AssumeRolePolicySizeQuota (whitespace not counted), as IAM says it. */
function checkTrustSize(state: IamState, trustPolicy: string): void {
  const limit = state.quotas.AssumeRolePolicySizeQuota;
  if (policySize(trustPolicy) > limit)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${limit}`);
}

export function createRole(state: IamState, env: IamEnv, input: RoleInput): IamRole {
  const path = input.path ?? '/';
  validateName('RoleName', input.name, LIMITS.roleName);
  validatePath('Path', path);
  validatePolicyDocument(input.trustPolicy);
  checkTrustSize(state, input.trustPolicy);
  if (state.roles.has(nameKey(input.name)))
    throw alreadyExists(`Role with name ${input.name} already exists.`);
  const role: IamRole = {
    name: input.name,
    path,
    id: iamUniqueId(env.rng, 'AROA'),
    arn: iamArn(state.account, 'role', path, input.name),
    createDate: env.now(),
    trustPolicy: input.trustPolicy,
    description: input.description,
    maxSessionDuration: input.maxSessionDuration ?? 3600,
    policies: new Map(),
    attachedPolicyArns: [],
  };
  state.roles.set(nameKey(input.name), role);
  return role;
}

/** In-place role update (trust policy, description, session duration) as CloudFormation does it. */
export function updateRole(state: IamState, name: string, input: Omit<RoleInput, 'name' | 'path'>): void {
  validatePolicyDocument(input.trustPolicy);
  const role = getRole(state, name);
  checkTrustSize(state, input.trustPolicy);
  role.trustPolicy = input.trustPolicy;
  role.description = input.description;
  role.maxSessionDuration = input.maxSessionDuration ?? 3600;
}

export function deleteRole(state: IamState, name: string): void {
  const role = getRole(state, name);
  if (role.policies.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attachedPolicyArns.length > 0)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  state.roles.delete(nameKey(name));
}

export function putRolePolicy(state: IamState, roleName: string, policyName: string, document: string): void {
  validateName('PolicyName', policyName, LIMITS.policyName);
  validatePolicyDocument(document);
  const role = getRole(state, roleName);
  const limit = state.quotas.RolePolicySizeQuota;
  if (!withinInlineQuota(role.policies, policyName, document, limit)) {
    throw limitExceeded(`Maximum policy size of ${limit} bytes exceeded for role ${role.name}`);
  }
  role.policies.set(policyName, document);
}

export function getRolePolicy(state: IamState, roleName: string, policyName: string): string {
  const document = getRole(state, roleName).policies.get(policyName);
  if (document === undefined) throw noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
  return document;
}

export function deleteRolePolicy(state: IamState, roleName: string, policyName: string): void {
  getRolePolicy(state, roleName, policyName);
  getRole(state, roleName).policies.delete(policyName);
}
