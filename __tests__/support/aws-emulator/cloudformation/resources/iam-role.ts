// AWS::IAM::Role backed by the account's emulated IAM.
import { noSuchRole } from '../../iam/errors.ts';
import type { IamState } from '../../iam/model.ts';
import * as iam from '../../iam/store.ts';
import { validatePolicyDocument } from '../../iam/validation.ts';
import type { JsonObject } from '../../util/json.ts';
import { generatedName } from './naming.ts';
import {
  inlinePolicies,
  optionalString,
  policyDocument,
  requiredValue,
  stringList,
  type InlinePolicy,
} from './properties.ts';
import type { ProvisionContext, Provisioned, ResourceProvider } from './types.ts';

interface RoleSpec {
  trustPolicy: string;
  description: string | undefined;
  maxSessionDuration: number | undefined;
  policies: InlinePolicy[];
  managedArns: string[];
}

function readSpec(ctx: ProvisionContext, props: JsonObject): RoleSpec {
  const spec: RoleSpec = {
    trustPolicy: policyDocument(requiredValue(props, 'AssumeRolePolicyDocument', ctx.logicalId)),
    description: optionalString(props, 'Description'),
    maxSessionDuration: props.MaxSessionDuration === undefined ? undefined : Number(props.MaxSessionDuration),
    policies: inlinePolicies(props, ctx.logicalId),
    managedArns: stringList(props, 'ManagedPolicyArns'),
  };
  // Validate everything up front so a failure leaves IAM untouched.
  validatePolicyDocument(spec.trustPolicy);
  for (const policy of spec.policies) validatePolicyDocument(policy.document);
  for (const arn of spec.managedArns) iam.requireAttachable(ctx.iam, arn);
  return spec;
}

function syncPolicies(state: IamState, roleName: string, spec: RoleSpec): void {
  const role = iam.getRole(state, roleName);
  const wanted = new Set(spec.policies.map((p) => p.name));
  for (const name of [...role.policies.keys()])
    if (!wanted.has(name)) iam.deleteRolePolicy(state, roleName, name);
  for (const policy of spec.policies) iam.putRolePolicy(state, roleName, policy.name, policy.document);
  for (const arn of [...role.attachedPolicyArns]) {
    if (!spec.managedArns.includes(arn)) iam.detachRolePolicy(state, roleName, arn);
  }
  for (const arn of spec.managedArns) iam.attachRolePolicy(state, roleName, arn);
}

function removeRole(state: IamState, roleName: string): void {
  const role = state.roles.get(roleName.toLowerCase());
  if (!role) return;
  for (const arn of [...role.attachedPolicyArns]) iam.detachRolePolicy(state, roleName, arn);
  for (const name of [...role.policies.keys()]) iam.deleteRolePolicy(state, roleName, name);
  iam.deleteRole(state, roleName);
}

function provisioned(state: IamState, roleName: string): Provisioned {
  const role = iam.getRole(state, roleName);
  return { physicalId: role.name, attributes: { Arn: role.arn, RoleId: role.id } };
}

export const iamRoleProvider: ResourceProvider = {
  attributes: ['Arn', 'RoleId'],
  nameProperty: 'RoleName',
  recreation: (property) => (property === 'RoleName' || property === 'Path' ? 'Always' : 'Never'),
  create(ctx, props) {
    const spec = readSpec(ctx, props);
    const name =
      optionalString(props, 'RoleName') ?? generatedName(ctx.stackName, ctx.logicalId, ctx.env.rng);
    iam.createRole(ctx.iam, ctx.env, {
      name,
      path: optionalString(props, 'Path') ?? '/',
      trustPolicy: spec.trustPolicy,
      description: spec.description,
      maxSessionDuration: spec.maxSessionDuration,
    });
    try {
      syncPolicies(ctx.iam, name, spec);
    } catch (error) {
      removeRole(ctx.iam, name);
      throw error;
    }
    return provisioned(ctx.iam, name);
  },
  update(ctx, current, props) {
    const spec = readSpec(ctx, props);
    if (!ctx.iam.roles.has(current.physicalId.toLowerCase())) throw noSuchRole(current.physicalId);
    iam.updateRole(ctx.iam, current.physicalId, spec);
    syncPolicies(ctx.iam, current.physicalId, spec);
    return provisioned(ctx.iam, current.physicalId);
  },
  remove(ctx, current) {
    removeRole(ctx.iam, current.physicalId);
  },
};
