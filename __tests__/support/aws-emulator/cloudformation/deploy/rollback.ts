// Failure handling: the failed resource's event, then rollback (or a *_FAILED stop when disabled).
import { addResourceEvent, setStackStatus } from '../events.ts';
import type { Stack } from '../model.ts';
import { runPhase } from '../phases.ts';
import { startDeletion } from '../teardown.ts';
import type { Failure, Run, Snapshot } from './types.ts';

export function failDeployment(run: Run, snapshot: Snapshot, failure: Failure): void {
  const { env, stack, spec } = run;
  const token = spec.clientRequestToken;
  const status = failure.operation === 'create' ? 'CREATE_FAILED' : 'UPDATE_FAILED';
  addResourceEvent(
    env,
    stack,
    {
      logicalId: failure.logicalId,
      physicalId: failure.physicalId,
      type: failure.type,
      status,
      reason: failure.reason,
    },
    token,
  );
  const reason = `The following resource(s) failed to ${failure.operation}: [${failure.logicalId}]. `;
  if (spec.disableRollback) {
    setStackStatus(env, stack, spec.kind === 'create' ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason, token);
    spec.onDone?.(false);
    return;
  }
  if (spec.kind === 'create') {
    setStackStatus(env, stack, 'ROLLBACK_IN_PROGRESS', `${reason}Rollback requested by user.`, token);
  } else {
    setStackStatus(env, stack, 'UPDATE_ROLLBACK_IN_PROGRESS', reason, token);
  }
  runPhase(env, spec.immediate, () => rollback(run, snapshot));
}

/** Replays the undo journal backwards; returns false when some step could not be undone. */
function undoAll(run: Run): boolean {
  let complete = true;
  for (const undo of [...run.journal.undo].reverse()) {
    try {
      undo();
    } catch {
      complete = false;
    }
  }
  return complete;
}

function rollback(run: Run, snapshot: Snapshot): void {
  const { env, stack, spec } = run;
  const token = spec.clientRequestToken;
  const undone = undoAll(run);
  if (spec.kind === 'create') {
    stack.resources = new Map([...stack.resources].filter(([, r]) => r.status === 'DELETE_FAILED'));
    setStackStatus(env, stack, undone ? 'ROLLBACK_COMPLETE' : 'ROLLBACK_FAILED', undefined, token);
    spec.onDone?.(false);
    if (spec.deleteOnFailure && undone) {
      startDeletion(env, stack, { retain: [], clientRequestToken: token, immediate: spec.immediate });
    }
    return;
  }
  const restored: Partial<Stack> = {
    template: snapshot.template,
    parameters: snapshot.parameters,
    capabilities: snapshot.capabilities,
    tags: snapshot.tags,
    outputs: snapshot.outputs,
    resources: snapshot.resources,
  };
  Object.assign(stack, restored);
  if (!undone) {
    setStackStatus(env, stack, 'UPDATE_ROLLBACK_FAILED', undefined, token);
    spec.onDone?.(false);
    return;
  }
  setStackStatus(env, stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined, token);
  runPhase(env, spec.immediate, () => {
    setStackStatus(env, stack, 'UPDATE_ROLLBACK_COMPLETE', undefined, token);
    spec.onDone?.(false);
  });
}
