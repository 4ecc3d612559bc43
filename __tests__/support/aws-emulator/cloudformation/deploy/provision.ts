// Provisioning of the template's resources in dependency order, with the stack events AWS emits.
import { jsonEqual, type JsonObject } from '../../util/json.ts';
import { activeResources, createEvalContext } from '../evaluation.ts';
import { addResourceEvent, type ResourceEventInput } from '../events.ts';
import type { StackResourceState } from '../model.ts';
import { provisionContext } from '../phases.ts';
import { providerFor } from '../resources/registry.ts';
import type { Provisioned } from '../resources/types.ts';
import { evaluateObject } from '../template/intrinsics.ts';
import { creationOrder } from '../template/references.ts';
import { deleteResources } from '../teardown.ts';
import { reasonOf, type Failure, type Run } from './types.ts';

export interface ProvisionOutcome {
  failure: Failure | undefined;
  /** Logical ids the new template declares (conditions applied). */
  desired: string[];
}

interface ResourceInput {
  logicalId: string;
  type: string;
  properties: JsonObject;
  deletionPolicy: string | undefined;
}

function event(run: Run, input: ResourceEventInput): void {
  addResourceEvent(run.env, run.stack, input, run.spec.clientRequestToken);
}

function stateOf(
  run: Run,
  input: ResourceInput,
  result: Provisioned,
  status: StackResourceState['status'],
): StackResourceState {
  return {
    logicalId: input.logicalId,
    type: input.type,
    physicalId: result.physicalId,
    status,
    statusReason: undefined,
    timestamp: run.env.now(),
    properties: input.properties,
    attributes: result.attributes,
    deletionPolicy: input.deletionPolicy,
  };
}

export function provisionAll(run: Run): ProvisionOutcome {
  const { env, stack, spec } = run;
  const ctx = createEvalContext({
    env,
    stack,
    template: spec.template,
    parameters: spec.parameters,
    resource: (id) => stack.resources.get(id),
  });
  const desired = activeResources(spec.template, ctx, creationOrder(spec.template));
  for (const logicalId of desired) {
    const decl = spec.template.resources.get(logicalId);
    if (!decl) continue;
    const prev = stack.resources.get(logicalId);
    let properties: JsonObject;
    try {
      properties = evaluateObject(decl.properties, ctx);
    } catch (error) {
      const operation = prev ? 'update' : 'create';
      const failure = {
        logicalId,
        physicalId: prev?.physicalId ?? '',
        type: decl.type,
        operation,
        reason: reasonOf(error),
      } as const;
      return { failure, desired };
    }
    const input = { logicalId, type: decl.type, properties, deletionPolicy: decl.deletionPolicy };
    const failure = prev ? updateResource(run, prev, input) : createResource(run, input);
    if (failure) return { failure, desired };
  }
  return { failure: undefined, desired };
}

function createResource(run: Run, input: ResourceInput): Failure | undefined {
  const { env, stack } = run;
  const { logicalId, type } = input;
  const properties = JSON.stringify(input.properties);
  event(run, { logicalId, physicalId: '', type, status: 'CREATE_IN_PROGRESS', properties });
  const injected = env.failures.take(stack.account, stack.name, logicalId, 'create');
  let result: Provisioned;
  try {
    if (injected !== undefined) throw new Error(injected);
    result = providerFor(type).create(provisionContext(env, stack, logicalId), input.properties);
  } catch (error) {
    return { logicalId, physicalId: '', type, operation: 'create', reason: reasonOf(error) };
  }
  const state = stateOf(run, input, result, 'CREATE_COMPLETE');
  stack.resources.set(logicalId, state);
  const base = { logicalId, physicalId: result.physicalId, type, properties };
  event(run, { ...base, status: 'CREATE_IN_PROGRESS', reason: 'Resource creation Initiated' });
  event(run, { ...base, status: 'CREATE_COMPLETE' });
  run.journal.undo.push(() => {
    deleteResources(env, stack, [state], [], run.spec.clientRequestToken);
  });
  return undefined;
}

/** A changed property that can only be applied by creating a new physical resource. */
function needsReplacement(prev: StackResourceState, properties: JsonObject): boolean {
  const provider = providerFor(prev.type);
  const keys = new Set([...Object.keys(prev.properties), ...Object.keys(properties)]);
  return [...keys].some(
    (key) => !jsonEqual(prev.properties[key], properties[key]) && provider.recreation(key) === 'Always',
  );
}

/** CloudFormation refuses to replace a resource whose custom name stays the same. */
function keepsCustomName(prev: StackResourceState, properties: JsonObject): string | undefined {
  const nameProperty = providerFor(prev.type).nameProperty;
  if (nameProperty === undefined || properties[nameProperty] === undefined) return undefined;
  return jsonEqual(prev.properties[nameProperty], properties[nameProperty])
    ? String(properties[nameProperty])
    : undefined;
}

function updateResource(run: Run, prev: StackResourceState, input: ResourceInput): Failure | undefined {
  const { env, stack } = run;
  if (jsonEqual(prev.properties, input.properties)) {
    prev.deletionPolicy = input.deletionPolicy;
    return undefined;
  }
  const { logicalId, type } = prev;
  const base = { logicalId, physicalId: prev.physicalId, type, properties: JSON.stringify(input.properties) };
  const fail = (reason: string): Failure => ({
    logicalId,
    physicalId: prev.physicalId,
    type,
    operation: 'update',
    reason,
  });
  event(run, { ...base, status: 'UPDATE_IN_PROGRESS' });
  const injected = env.failures.take(stack.account, stack.name, logicalId, 'update');
  if (injected !== undefined) return fail(injected);
  const replace = needsReplacement(prev, input.properties);
  const customName = replace ? keepsCustomName(prev, input.properties) : undefined;
  if (customName !== undefined) {
    return fail(
      `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${customName} and update the stack again.`,
    );
  }
  const provider = providerFor(type);
  const pctx = provisionContext(env, stack, logicalId);
  let result: Provisioned;
  try {
    if (replace) {
      const reason = 'Requested update requires the creation of a new physical resource; hence creating one.';
      event(run, { ...base, status: 'UPDATE_IN_PROGRESS', reason });
      result = provider.create(pctx, input.properties);
    } else {
      result = provider.update(pctx, prev, input.properties);
    }
  } catch (error) {
    return fail(reasonOf(error));
  }
  const next = stateOf(run, input, result, 'UPDATE_COMPLETE');
  stack.resources.set(logicalId, next);
  event(run, { ...base, physicalId: result.physicalId, status: 'UPDATE_COMPLETE' });
  if (replace) {
    run.journal.replaced.push(prev);
    run.journal.undo.push(() => {
      deleteResources(env, stack, [next], [], run.spec.clientRequestToken);
      stack.resources.set(logicalId, prev);
    });
  } else {
    run.journal.undo.push(() => {
      event(run, { ...base, status: 'UPDATE_IN_PROGRESS' });
      provider.update(pctx, next, prev.properties);
      stack.resources.set(logicalId, prev);
      event(run, { ...base, status: 'UPDATE_COMPLETE' });
    });
  }
  return undefined;
}
