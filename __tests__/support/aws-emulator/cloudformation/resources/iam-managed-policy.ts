// AWS::IAM::ManagedPolicy: a customer managed policy attached to the listed roles, groups, users.
import type { IamState } from '../../iam/model.ts';
import * as iam from '../../iam/store.ts';
import { validatePolicyDocument } from '../../iam/validation.ts';
import type { Json } from '../../util/json.ts';
import { forEachExisting, readTargets, requireTargets, type Targets } from './iam-attachments.ts';
import { generatedName } from './naming.ts';
import { optionalString, policyDocument, requiredValue } from './properties.ts';
import type { ResourceProvider } from './types.ts';

function attachAll(state: IamState, arn: string, targets: Targets, attach: boolean): void {
  forEachExisting(state, targets, (kind, name) => {
    const holder =
      kind === 'role'
        ? iam.getRole(state, name)
        : kind === 'group'
          ? iam.getGroup(state, name)
          : iam.getUser(state, name);
    const attached = holder.attachedPolicyArns.includes(arn);
    if (attach && !attached) {
      if (kind === 'role') iam.attachRolePolicy(state, name, arn);
      else if (kind === 'group') iam.attachGroupPolicy(state, name, arn);
      else iam.attachUserPolicy(state, name, arn);
    }
    if (!attach && attached) {
      if (kind === 'role') iam.detachRolePolicy(state, name, arn);
      else if (kind === 'group') iam.detachGroupPolicy(state, name, arn);
      else iam.detachUserPolicy(state, name, arn);
    }
  });
}

function attributes(state: IamState, arn: string): Record<string, Json> {
  const policy = iam.getManagedPolicy(state, arn);
  return {
    PolicyArn: policy.arn,
    PolicyId: policy.id,
    DefaultVersionId: policy.versionId,
    AttachmentCount: iam.policyAttachmentCount(state, arn),
    IsAttachable: true,
    PermissionsBoundaryUsageCount: 0,
    CreateDate: policy.createDate.toISOString(),
    UpdateDate: policy.updateDate.toISOString(),
  };
}

export const iamManagedPolicyProvider: ResourceProvider = {
  attributes: [
    'PolicyArn',
    'PolicyId',
    'DefaultVersionId',
    'AttachmentCount',
    'IsAttachable',
    'PermissionsBoundaryUsageCount',
    'CreateDate',
    'UpdateDate',
  ],
  nameProperty: 'ManagedPolicyName',
  recreation: (property) =>
    property === 'ManagedPolicyName' || property === 'Path' || property === 'Description'
      ? 'Always'
      : 'Never',
  create(ctx, props) {
    const document = policyDocument(requiredValue(props, 'PolicyDocument', ctx.logicalId));
    const targets = readTargets(props);
    validatePolicyDocument(document);
    requireTargets(ctx.iam, targets);
    const policy = iam.createManagedPolicy(ctx.iam, ctx.env, {
      name:
        optionalString(props, 'ManagedPolicyName') ??
        generatedName(ctx.stackName, ctx.logicalId, ctx.env.rng, 128),
      path: optionalString(props, 'Path') ?? '/',
      document,
      description: optionalString(props, 'Description'),
    });
    attachAll(ctx.iam, policy.arn, targets, true);
    return { physicalId: policy.arn, attributes: attributes(ctx.iam, policy.arn) };
  },
  update(ctx, current, props) {
    const document = policyDocument(requiredValue(props, 'PolicyDocument', ctx.logicalId));
    const targets = readTargets(props);
    requireTargets(ctx.iam, targets);
    iam.updateManagedPolicyDocument(ctx.iam, ctx.env, current.physicalId, document);
    attachAll(ctx.iam, current.physicalId, readTargets(current.properties), false);
    attachAll(ctx.iam, current.physicalId, targets, true);
    return { physicalId: current.physicalId, attributes: attributes(ctx.iam, current.physicalId) };
  },
  remove(ctx, current) {
    if (!ctx.iam.policies.has(current.physicalId)) return;
    attachAll(ctx.iam, current.physicalId, readTargets(current.properties), false);
    iam.deleteManagedPolicy(ctx.iam, current.physicalId);
  },
};
