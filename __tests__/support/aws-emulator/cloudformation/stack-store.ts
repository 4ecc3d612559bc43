// Stack lookup and creation within one account/region, with CloudFormation's error messages.
import { constraintViolation, validationError, type AwsError } from '../errors.ts';
import { uuid } from '../util/ids.ts';
import type { CfnEnv } from './env.ts';
import { isInProgress, type CfnRegionState, type Stack } from './model.ts';

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;
const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_FAILED',
]);

export const isStackArn = (value: string): boolean => value.startsWith('arn:');

export function validateStackName(name: string, member = 'StackName'): void {
  if (name.length > 128)
    throw constraintViolation(member, name, 'Member must have length less than or equal to 128');
  if (!STACK_NAME.test(name)) {
    throw constraintViolation(
      member,
      name,
      'Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*',
    );
  }
}

/** By name only live stacks match; by ARN deleted stacks are found too (as on AWS). */
export function findStack(region: CfnRegionState, nameOrId: string): Stack | undefined {
  if (isStackArn(nameOrId)) return region.stacks.find((s) => s.id === nameOrId);
  return region.stacks.find((s) => s.name === nameOrId && s.status !== 'DELETE_COMPLETE');
}

export const stackDoesNotExist = (nameOrId: string): AwsError =>
  validationError(`Stack with id ${nameOrId} does not exist`);

export const stackBracketsDoesNotExist = (nameOrId: string): AwsError =>
  validationError(`Stack [${nameOrId}] does not exist`);

export function requireStack(region: CfnRegionState, nameOrId: string): Stack {
  const stack = findStack(region, nameOrId);
  if (!stack) throw stackDoesNotExist(nameOrId);
  return stack;
}

/** Live stack for change set / update operations, which word the error differently. */
export function requireLiveStack(region: CfnRegionState, nameOrId: string): Stack {
  const stack = findStack(region, nameOrId);
  if (!stack || stack.status === 'DELETE_COMPLETE') throw stackBracketsDoesNotExist(nameOrId);
  return stack;
}

export const notUpdatable = (stack: Stack): AwsError =>
  validationError(`Stack:${stack.id} is in ${stack.status} state and can not be updated.`);

export function assertUpdatable(stack: Stack): void {
  if (!UPDATABLE.has(stack.status)) throw notUpdatable(stack);
}

export function assertNotBusy(stack: Stack): void {
  if (isInProgress(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') throw notUpdatable(stack);
}

export function newStack(env: CfnEnv, region: CfnRegionState, name: string): Stack {
  const stack: Stack = {
    id: `arn:aws:cloudformation:${region.region}:${region.account}:stack/${name}/${uuid(env.rng)}`,
    name,
    account: region.account,
    region: region.region,
    status: 'REVIEW_IN_PROGRESS',
    statusReason: undefined,
    creationTime: env.now(),
    lastUpdatedTime: undefined,
    deletionTime: undefined,
    template: undefined,
    parameters: [],
    capabilities: [],
    tags: [],
    outputs: [],
    resources: new Map(),
    events: [],
    disableRollback: false,
    changeSetId: undefined,
  };
  region.stacks.push(stack);
  return stack;
}
