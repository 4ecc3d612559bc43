// Resource deletion: stack deletion, update cleanup and rollback of created resources.
import type { CfnEnv } from './env.ts';
import { addResourceEvent, setStackStatus } from './events.ts';
import type { Stack, StackResourceState } from './model.ts';
import { provisionContext, runPhase } from './phases.ts';
import { providerFor } from './resources/registry.ts';
import { creationOrder } from './template/references.ts';

/** Deletes the given resources in order; returns the logical ids that failed. */
export function deleteResources(
  env: CfnEnv,
  stack: Stack,
  resources: readonly StackResourceState[],
  retain: readonly string[],
  token: string | undefined,
): string[] {
  const failed: string[] = [];
  for (const resource of resources) {
    const event = { logicalId: resource.logicalId, physicalId: resource.physicalId, type: resource.type };
    const forget = (): void => {
      if (stack.resources.get(resource.logicalId) === resource) stack.resources.delete(resource.logicalId);
    };
    if (retain.includes(resource.logicalId) || resource.deletionPolicy === 'Retain') {
      addResourceEvent(env, stack, { ...event, status: 'DELETE_SKIPPED' }, token);
      forget();
      continue;
    }
    addResourceEvent(env, stack, { ...event, status: 'DELETE_IN_PROGRESS' }, token);
    const injected = env.failures.take(stack.account, stack.name, resource.logicalId, 'delete');
    try {
      if (injected !== undefined) throw new Error(injected);
      providerFor(resource.type).remove(provisionContext(env, stack, resource.logicalId), resource);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      resource.status = 'DELETE_FAILED';
      resource.statusReason = reason;
      addResourceEvent(env, stack, { ...event, status: 'DELETE_FAILED', reason }, token);
      failed.push(resource.logicalId);
      continue;
    }
    addResourceEvent(env, stack, { ...event, status: 'DELETE_COMPLETE' }, token);
    forget();
  }
  return failed;
}

export interface DeletionOptions {
  retain: readonly string[];
  clientRequestToken: string | undefined;
  immediate: boolean;
}

/** Resources in reverse creation order, so dependents go before what they depend on. */
function deletionOrder(stack: Stack): StackResourceState[] {
  const order = stack.template ? creationOrder(stack.template) : [];
  const rank = (id: string): number => {
    const index = order.indexOf(id);
    return index < 0 ? order.length : index;
  };
  return [...stack.resources.values()].sort((a, b) => rank(b.logicalId) - rank(a.logicalId));
}

export function startDeletion(env: CfnEnv, stack: Stack, options: DeletionOptions): void {
  const token = options.clientRequestToken;
  setStackStatus(env, stack, 'DELETE_IN_PROGRESS', 'User Initiated', token);
  runPhase(env, options.immediate, () => {
    const failed = deleteResources(env, stack, deletionOrder(stack), options.retain, token);
    if (failed.length > 0) {
      setStackStatus(
        env,
        stack,
        'DELETE_FAILED',
        `The following resource(s) failed to delete: [${failed.join(', ')}]. `,
        token,
      );
      return;
    }
    stack.deletionTime = env.now();
    setStackStatus(env, stack, 'DELETE_COMPLETE', undefined, token);
    const region = env.region(stack.account, stack.region);
    for (const [id, changeSet] of region.changeSets)
      if (changeSet.stackId === stack.id) region.changeSets.delete(id);
  });
}
