// Plain-data views of emulator state for test assertions.
import type { Stack } from '../cloudformation/model.ts';
import type { IamState } from '../iam/model.ts';
import { byName } from '../iam/model.ts';
import { groupMembers, groupsForUser, policyAttachmentCount } from '../iam/store.ts';
import type { IamSnapshot, StackSnapshot } from '../types.ts';
import type { World } from '../world.ts';

const parseDocument = (document: string): unknown => {
  try {
    return JSON.parse(document);
  } catch {
    return document;
  }
};

const parsedPolicies = (policies: Map<string, string>): Record<string, unknown> =>
  Object.fromEntries([...policies].map(([name, doc]) => [name, parseDocument(doc)]));

export function iamSnapshot(state: IamState): IamSnapshot {
  return {
    account: state.account,
    users: byName(state.users.values()).map((u) => ({
      name: u.name,
      path: u.path,
      arn: u.arn,
      id: u.id,
      groups: byName(groupsForUser(state, u.name)).map((g) => g.name),
    })),
    groups: byName(state.groups.values()).map((g) => ({
      name: g.name,
      path: g.path,
      arn: g.arn,
      id: g.id,
      members: byName(groupMembers(state, g)).map((u) => u.name),
      policies: parsedPolicies(g.policies),
      managedPolicyArns: [...g.attachedPolicyArns],
    })),
    roles: byName(state.roles.values()).map((r) => ({
      name: r.name,
      path: r.path,
      arn: r.arn,
      id: r.id,
      trustPolicy: parseDocument(r.trustPolicy),
      policies: parsedPolicies(r.policies),
      managedPolicyArns: [...r.attachedPolicyArns],
      maxSessionDuration: r.maxSessionDuration,
      description: r.description,
    })),
    managedPolicies: byName(state.policies.values()).map((p) => ({
      name: p.name,
      path: p.path,
      arn: p.arn,
      id: p.id,
      document: parseDocument(p.document),
      versionId: p.versionId,
      attachmentCount: policyAttachmentCount(state, p.arn),
    })),
  };
}

export function stackSnapshot(world: World, stack: Stack): StackSnapshot {
  const changeSets = [...world.cfn(stack.account, stack.region).changeSets.values()].filter(
    (c) => c.stackId === stack.id,
  );
  return {
    name: stack.name,
    id: stack.id,
    account: stack.account,
    region: stack.region,
    status: stack.status,
    statusReason: stack.statusReason,
    creationTime: stack.creationTime,
    lastUpdatedTime: stack.lastUpdatedTime,
    deletionTime: stack.deletionTime,
    templateBody: stack.template?.body,
    parameters: Object.fromEntries(stack.parameters.map((p) => [p.key, p.value])),
    outputs: Object.fromEntries(stack.outputs.map((o) => [o.key, o.value])),
    tags: Object.fromEntries(stack.tags.map((t) => [t.key, t.value])),
    capabilities: [...stack.capabilities],
    resources: [...stack.resources.values()].map((r) => ({
      logicalId: r.logicalId,
      type: r.type,
      physicalId: r.physicalId,
      status: r.status,
    })),
    changeSets: changeSets.map((c) => ({
      name: c.name,
      id: c.id,
      type: c.type,
      status: c.status,
      executionStatus: c.executionStatus,
      statusReason: c.statusReason,
    })),
    events: stack.events.map((e) => ({
      logicalId: e.logicalId,
      type: e.resourceType,
      status: e.status,
      reason: e.reason,
      timestamp: e.timestamp,
    })),
  };
}
