// AWS::IAM::Policy: one inline policy put on each listed role, group and user.
import { validatePolicyDocument } from '../../iam/validation.ts';
import type { IamState } from '../../iam/model.ts';
import * as iam from '../../iam/store.ts';
import type { JsonObject } from '../../util/json.ts';
import { forEachExisting, hasTargets, readTargets, requireTargets, type Targets } from './iam-attachments.ts';
import { generatedName } from './naming.ts';
import { policyDocument, propertyError, requiredValue } from './properties.ts';
import type { ProvisionContext, ResourceProvider } from './types.ts';

interface PolicySpec {
  name: string;
  document: string;
  targets: Targets;
}

function readSpec(ctx: ProvisionContext, props: JsonObject): PolicySpec {
  const spec: PolicySpec = {
    name: String(requiredValue(props, 'PolicyName', ctx.logicalId)),
    document: policyDocument(requiredValue(props, 'PolicyDocument', ctx.logicalId)),
    targets: readTargets(props),
  };
  if (!hasTargets(spec.targets)) {
    throw propertyError(ctx.logicalId, 'At least one of [Groups,Roles,Users] must be non-empty.');
  }
  validatePolicyDocument(spec.document);
  requireTargets(ctx.iam, spec.targets);
  return spec;
}

function put(state: IamState, spec: PolicySpec): void {
  forEachExisting(state, spec.targets, (kind, name) => {
    if (kind === 'role') iam.putRolePolicy(state, name, spec.name, spec.document);
    else if (kind === 'group') iam.putGroupPolicy(state, name, spec.name, spec.document);
    else iam.getUser(state, name); // user inline policies are not modelled; the user must exist
  });
}

function removeFrom(state: IamState, props: JsonObject): void {
  const name = String(props.PolicyName ?? '');
  forEachExisting(state, readTargets(props), (kind, target) => {
    if (kind === 'role' && iam.getRole(state, target).policies.has(name))
      iam.deleteRolePolicy(state, target, name);
    if (kind === 'group' && iam.getGroup(state, target).policies.has(name))
      iam.deleteGroupPolicy(state, target, name);
  });
}

export const iamPolicyProvider: ResourceProvider = {
  attributes: ['Id'],
  nameProperty: undefined,
  recreation: () => 'Never',
  create(ctx, props) {
    const spec = readSpec(ctx, props);
    put(ctx.iam, spec);
    const physicalId = generatedName(ctx.stackName, ctx.logicalId, ctx.env.rng, 128);
    return { physicalId, attributes: { Id: physicalId } };
  },
  update(ctx, current, props) {
    const spec = readSpec(ctx, props);
    removeFrom(ctx.iam, current.properties);
    put(ctx.iam, spec);
    return { physicalId: current.physicalId, attributes: { Id: current.physicalId } };
  },
  remove(ctx, current) {
    removeFrom(ctx.iam, current.properties);
  },
};
