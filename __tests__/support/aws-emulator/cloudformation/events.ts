import { uuid } from '../util/ids.ts';
import type { CfnEnv } from './env.ts';
import type { Stack, StackStatus } from './model.ts';

export interface ResourceEventInput {
  logicalId: string;
  physicalId: string;
  type: string;
  status: string;
  reason?: string | undefined;
  properties?: string | undefined;
}

/** Event timestamps strictly increase per stack so "newest first" ordering is unambiguous. */
function nextTimestamp(env: CfnEnv, stack: Stack): Date {
  const now = env.now();
  const last = stack.events[stack.events.length - 1];
  if (last && last.timestamp.getTime() >= now.getTime()) return new Date(last.timestamp.getTime() + 1);
  return now;
}

export function addResourceEvent(env: CfnEnv, stack: Stack, input: ResourceEventInput, token?: string): void {
  const timestamp = nextTimestamp(env, stack);
  stack.events.push({
    // Stack-level events carry a UUID; resource events are named like AWS names them.
    eventId:
      input.type === 'AWS::CloudFormation::Stack'
        ? uuid(env.rng)
        : `${input.logicalId}-${input.status}-${timestamp.toISOString()}`,
    stackId: stack.id,
    stackName: stack.name,
    logicalId: input.logicalId,
    physicalId: input.physicalId,
    resourceType: input.type,
    timestamp,
    status: input.status,
    reason: input.reason,
    properties: input.properties,
    clientRequestToken: token,
  });
}

/** Stack-level status changes are events of the AWS::CloudFormation::Stack pseudo resource. */
export function setStackStatus(
  env: CfnEnv,
  stack: Stack,
  status: StackStatus,
  reason?: string,
  token?: string,
): void {
  stack.status = status;
  stack.statusReason = reason;
  addResourceEvent(
    env,
    stack,
    { logicalId: stack.name, physicalId: stack.id, type: 'AWS::CloudFormation::Stack', status, reason },
    token,
  );
}
