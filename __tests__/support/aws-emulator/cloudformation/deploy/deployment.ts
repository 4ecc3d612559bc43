// Stack creates and updates: IN_PROGRESS, provision, then COMPLETE (creates) or
// cleanup + COMPLETE (updates); failures roll back.
import type { CfnEnv } from '../env.ts';
import { createEvalContext } from '../evaluation.ts';
import { setStackStatus } from '../events.ts';
import type { Stack } from '../model.ts';
import { evaluateOutputs } from '../outputs.ts';
import { runPhase } from '../phases.ts';
import { creationOrder } from '../template/references.ts';
import { deleteResources } from '../teardown.ts';
import { provisionAll } from './provision.ts';
import { failDeployment } from './rollback.ts';
import type { DeploymentSpec, Run, Snapshot } from './types.ts';

export type { DeploymentSpec } from './types.ts';

function snapshotOf(stack: Stack): Snapshot {
  return {
    template: stack.template,
    parameters: stack.parameters,
    capabilities: stack.capabilities,
    tags: stack.tags,
    outputs: stack.outputs,
    resources: new Map(stack.resources),
  };
}

export function startDeployment(env: CfnEnv, stack: Stack, spec: DeploymentSpec): void {
  const snapshot = snapshotOf(stack);
  const next: Partial<Stack> = {
    template: spec.template,
    parameters: spec.parameters,
    capabilities: spec.capabilities,
    tags: spec.tags,
    disableRollback: spec.disableRollback,
  };
  Object.assign(stack, next);
  if (spec.kind === 'update') stack.lastUpdatedTime = env.now();
  const status = spec.kind === 'create' ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
  setStackStatus(env, stack, status, 'User Initiated', spec.clientRequestToken);
  const run: Run = { env, stack, spec, journal: { undo: [], replaced: [] } };
  runPhase(env, spec.immediate, () => applyPhase(run, snapshot));
}

function computeOutputs(run: Run): void {
  const { env, stack, spec } = run;
  const ctx = createEvalContext({
    env,
    stack,
    template: spec.template,
    parameters: spec.parameters,
    resource: (id) => stack.resources.get(id),
  });
  try {
    stack.outputs = evaluateOutputs(spec.template, ctx);
  } catch {
    // Outputs that cannot be evaluated are left out rather than failing a finished deployment.
    stack.outputs = [];
  }
}

function applyPhase(run: Run, snapshot: Snapshot): void {
  const { env, stack, spec } = run;
  const { failure, desired } = provisionAll(run);
  if (failure) {
    failDeployment(run, snapshot, failure);
    return;
  }
  computeOutputs(run);
  if (spec.kind === 'create') {
    setStackStatus(env, stack, 'CREATE_COMPLETE', undefined, spec.clientRequestToken);
    spec.onDone?.(true);
    return;
  }
  setStackStatus(env, stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined, spec.clientRequestToken);
  runPhase(env, spec.immediate, () => {
    // Removed resources go last-created first; replaced physical resources are deleted too.
    const order = snapshot.template ? creationOrder(snapshot.template) : [];
    const removed = [...snapshot.resources.values()]
      .filter((r) => !desired.includes(r.logicalId))
      .sort((a, b) => order.indexOf(b.logicalId) - order.indexOf(a.logicalId));
    deleteResources(env, stack, [...run.journal.replaced, ...removed], [], spec.clientRequestToken);
    setStackStatus(env, stack, 'UPDATE_COMPLETE', undefined, spec.clientRequestToken);
    spec.onDone?.(true);
  });
}
