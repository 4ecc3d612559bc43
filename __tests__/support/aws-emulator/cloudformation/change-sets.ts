// Change set lifecycle: creation (asynchronous status progression), execution and deletion.
import { AwsError, validationError } from '../errors.ts';
import { uuid } from '../util/ids.ts';
import { startDeployment } from './deploy/deployment.ts';
import type { CfnEnv } from './env.ts';
import { setStackStatus } from './events.ts';
import type { CfnRegionState, ChangeSet, Stack, StackTag } from './model.ts';
import { planChanges, PlanFailure } from './plan.ts';
import { prepareTemplate, type TemplateRequest } from './prepare.ts';
import { missingAutoExpand, runTransforms } from './transforms.ts';
import {
  assertNotBusy,
  assertUpdatable,
  findStack,
  isStackArn,
  newStack,
  requireLiveStack,
  validateStackName,
} from './stack-store.ts';

export const NO_CHANGES_REASON =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export interface CreateChangeSetInput extends TemplateRequest {
  stackName: string;
  changeSetName: string;
  type: 'CREATE' | 'UPDATE';
  description: string | undefined;
  tags: StackTag[] | undefined;
}

const changeSetNotFound = (name: string): AwsError =>
  new AwsError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);

const invalidStatus = (message: string): AwsError => new AwsError('InvalidChangeSetStatus', message, 400);

function targetStack(region: CfnRegionState, input: CreateChangeSetInput): Stack | undefined {
  const existing = findStack(region, input.stackName);
  if (input.type === 'CREATE') {
    if (existing && existing.status !== 'REVIEW_IN_PROGRESS') {
      throw validationError(
        `Stack [${input.stackName}] already exists and cannot be created again with the changeSet [${input.changeSetName}].`,
      );
    }
    return existing;
  }
  const stack = requireLiveStack(region, input.stackName);
  assertUpdatable(stack);
  return stack;
}

export function createChangeSet(env: CfnEnv, region: CfnRegionState, input: CreateChangeSetInput): ChangeSet {
  if (!isStackArn(input.stackName)) validateStackName(input.stackName);
  validateStackName(input.changeSetName, 'ChangeSetName');
  const existing = targetStack(region, input);
  if (
    existing &&
    [...region.changeSets.values()].some((c) => c.stackId === existing.id && c.name === input.changeSetName)
  ) {
    throw new AwsError('AlreadyExistsException', `ChangeSet [${input.changeSetName}] already exists`, 400);
  }
  const prepared = prepareTemplate(input, input.type === 'UPDATE' ? existing : undefined);
  const stack = existing ?? newStack(env, region, input.stackName);
  if (!existing) setStackStatus(env, stack, 'REVIEW_IN_PROGRESS', 'User Initiated');
  const changeSet: ChangeSet = {
    id: `arn:aws:cloudformation:${region.region}:${region.account}:changeSet/${input.changeSetName}/${uuid(env.rng)}`,
    name: input.changeSetName,
    stackId: stack.id,
    stackName: stack.name,
    type: input.type,
    description: input.description,
    status: 'CREATE_PENDING',
    statusReason: undefined,
    executionStatus: 'UNAVAILABLE',
    creationTime: env.now(),
    template: prepared.template,
    parameters: prepared.parameters,
    capabilities: input.capabilities,
    tags: input.tags ?? stack.tags,
    changes: [],
    outcome: { status: 'CREATE_COMPLETE' },
  };
  const transformFailure = runTransforms(region, prepared.template, changeSet);
  if (transformFailure === undefined) computeOutcome(env, stack, changeSet);
  else changeSet.outcome = { status: 'FAILED', reason: transformFailure };
  region.changeSets.set(changeSet.id, changeSet);
  scheduleProgress(env, changeSet);
  return changeSet;
}

function computeOutcome(env: CfnEnv, stack: Stack, changeSet: ChangeSet): void {
  try {
    const plan = planChanges({
      env,
      stack,
      previous: {
        template: stack.template,
        parameters: stack.parameters,
        resources: stack.resources,
        outputs: stack.outputs,
      },
      template: changeSet.template,
      parameters: changeSet.parameters,
    });
    changeSet.changes = plan.changes;
    changeSet.outcome = plan.hasChanges
      ? { status: 'CREATE_COMPLETE' }
      : { status: 'FAILED', reason: NO_CHANGES_REASON };
  } catch (error) {
    if (!(error instanceof AwsError || error instanceof PlanFailure)) throw error;
    changeSet.outcome = { status: 'FAILED', reason: error.message };
  }
}

/** CREATE_PENDING -> CREATE_IN_PROGRESS -> CREATE_COMPLETE | FAILED, as the SDK waiter expects. */
function scheduleProgress(env: CfnEnv, changeSet: ChangeSet): void {
  const half = env.timing.changeSetDelayMs / 2;
  env.scheduler.after(half, () => {
    if (changeSet.status === 'CREATE_PENDING') changeSet.status = 'CREATE_IN_PROGRESS';
    env.scheduler.after(half, () => {
      if (changeSet.status !== 'CREATE_IN_PROGRESS') return;
      if (changeSet.outcome.status === 'FAILED') {
        changeSet.status = 'FAILED';
        changeSet.statusReason = changeSet.outcome.reason;
        changeSet.changes = [];
        return;
      }
      changeSet.status = 'CREATE_COMPLETE';
      changeSet.executionStatus = 'AVAILABLE';
    });
  });
}

export function findChangeSet(
  region: CfnRegionState,
  name: string,
  stackName: string | undefined,
): ChangeSet {
  if (isStackArn(name)) {
    const byId = region.changeSets.get(name);
    if (!byId) throw changeSetNotFound(name);
    return byId;
  }
  if (stackName === undefined || stackName === '') {
    throw validationError('StackName must be specified if ChangeSetName is not specified as an ARN.');
  }
  const stack = findStack(region, stackName);
  const found =
    stack && [...region.changeSets.values()].find((c) => c.stackId === stack.id && c.name === name);
  if (!found) throw changeSetNotFound(name);
  return found;
}

export function stackOfChangeSet(region: CfnRegionState, changeSet: ChangeSet): Stack {
  const stack = region.stacks.find((s) => s.id === changeSet.stackId);
  if (!stack) throw changeSetNotFound(changeSet.id);
  return stack;
}

export interface ExecuteOptions {
  disableRollback: boolean | undefined;
  clientRequestToken: string | undefined;
}

export function executeChangeSet(
  env: CfnEnv,
  region: CfnRegionState,
  changeSet: ChangeSet,
  options: ExecuteOptions,
): void {
  if (changeSet.status !== 'CREATE_COMPLETE' || changeSet.executionStatus !== 'AVAILABLE') {
    throw invalidStatus(
      `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.status}] and execution status of [${changeSet.executionStatus}]`,
    );
  }
  const stack = stackOfChangeSet(region, changeSet);
  assertNotBusy(stack);
  const missing = missingAutoExpand(changeSet);
  if (missing !== undefined) throw new AwsError('InsufficientCapabilitiesException', missing, 400);
  // Executing a change set makes every other change set of the stack obsolete; AWS removes them.
  for (const [id, other] of region.changeSets) {
    if (other.stackId === stack.id && other.id !== changeSet.id) region.changeSets.delete(id);
  }
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  stack.changeSetId = changeSet.id;
  startDeployment(env, stack, {
    kind: changeSet.type === 'CREATE' ? 'create' : 'update',
    template: changeSet.template,
    parameters: changeSet.parameters,
    capabilities: changeSet.capabilities,
    tags: changeSet.tags,
    disableRollback: options.disableRollback ?? false,
    deleteOnFailure: false,
    clientRequestToken: options.clientRequestToken,
    immediate: false,
    onDone: (ok) => {
      changeSet.executionStatus = ok ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
    },
  });
}

export function deleteChangeSet(region: CfnRegionState, changeSet: ChangeSet): void {
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw invalidStatus(
      `ChangeSet [${changeSet.id}] cannot be deleted while its execution status is EXECUTE_IN_PROGRESS`,
    );
  }
  if (changeSet.status === 'CREATE_PENDING' || changeSet.status === 'CREATE_IN_PROGRESS') {
    throw invalidStatus(
      `ChangeSet [${changeSet.id}] cannot be deleted in its current status of [${changeSet.status}]`,
    );
  }
  region.changeSets.delete(changeSet.id);
}
