// CreateStack / UpdateStack / DeleteStack semantics on top of the deployment engine.
import { AwsError, validationError } from '../errors.ts';
import { startDeployment } from './deploy/deployment.ts';
import type { CfnEnv } from './env.ts';
import type { CfnRegionState, Stack, StackTag } from './model.ts';
import { planChanges } from './plan.ts';
import { prepareTemplate, type TemplateRequest } from './prepare.ts';
import {
  assertNotBusy,
  assertUpdatable,
  findStack,
  newStack,
  requireLiveStack,
  validateStackName,
} from './stack-store.ts';
import { startDeletion } from './teardown.ts';

export interface CreateStackInput extends TemplateRequest {
  stackName: string;
  tags: StackTag[];
  disableRollback: boolean;
  onFailure: 'ROLLBACK' | 'DELETE' | 'DO_NOTHING' | undefined;
  clientRequestToken: string | undefined;
}

export function createStack(
  env: CfnEnv,
  region: CfnRegionState,
  input: CreateStackInput,
  immediate = false,
): Stack {
  validateStackName(input.stackName);
  if (findStack(region, input.stackName)) {
    throw new AwsError('AlreadyExistsException', `Stack [${input.stackName}] already exists`, 400);
  }
  const prepared = prepareTemplate(input, undefined);
  const stack = newStack(env, region, input.stackName);
  startDeployment(env, stack, {
    kind: 'create',
    ...prepared,
    capabilities: input.capabilities,
    tags: input.tags,
    disableRollback: input.disableRollback || input.onFailure === 'DO_NOTHING',
    deleteOnFailure: input.onFailure === 'DELETE',
    clientRequestToken: input.clientRequestToken,
    immediate,
  });
  return stack;
}

export interface UpdateStackInput extends TemplateRequest {
  stackName: string;
  tags: StackTag[] | undefined;
  disableRollback: boolean | undefined;
  clientRequestToken: string | undefined;
}

export function updateStack(env: CfnEnv, region: CfnRegionState, input: UpdateStackInput): Stack {
  const stack = requireLiveStack(region, input.stackName);
  assertUpdatable(stack);
  const prepared = prepareTemplate(input, stack);
  const plan = planChanges({
    env,
    stack,
    previous: {
      template: stack.template,
      parameters: stack.parameters,
      resources: stack.resources,
      outputs: stack.outputs,
    },
    ...prepared,
  });
  if (!plan.hasChanges) throw validationError('No updates are to be performed.');
  startDeployment(env, stack, {
    kind: 'update',
    ...prepared,
    capabilities: input.capabilities,
    tags: input.tags ?? stack.tags,
    disableRollback: input.disableRollback ?? stack.disableRollback,
    deleteOnFailure: false,
    clientRequestToken: input.clientRequestToken,
    immediate: false,
  });
  return stack;
}

export interface DeleteStackInput {
  stackName: string;
  retainResources: string[];
  clientRequestToken: string | undefined;
}

/** Deleting a missing stack succeeds silently, as on AWS. */
export function deleteStack(env: CfnEnv, region: CfnRegionState, input: DeleteStackInput): void {
  const stack = findStack(region, input.stackName);
  if (!stack || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS') return;
  assertNotBusy(stack);
  if (input.retainResources.length > 0 && stack.status !== 'DELETE_FAILED') {
    throw validationError(
      `Invalid operation on stack [${stack.id}]. RetainResources can only be specified when the stack is in the DELETE_FAILED state.`,
    );
  }
  startDeletion(env, stack, {
    retain: input.retainResources,
    clientRequestToken: input.clientRequestToken,
    immediate: false,
  });
}
