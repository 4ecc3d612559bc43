// Computes a change set's resource changes by evaluating the new template against the stack's
// current resources and comparing properties.
import { isJsonObject, jsonEqual, type Json, type JsonObject } from '../util/json.ts';
import type { CfnEnv } from './env.ts';
import { activeResources, createEvalContext, KNOWN_AFTER_APPLY, type StackIdentity } from './evaluation.ts';
import type {
  ChangeDetail,
  Replacement,
  ResourceChange,
  StackOutput,
  StackParameter,
  StackResourceState,
} from './model.ts';
import { evaluateOutputs, sameOutputs } from './outputs.ts';
import { providerFor } from './resources/registry.ts';
import { evaluateObject } from './template/intrinsics.ts';
import type { ParsedTemplate } from './template/model.ts';
import { sameParameters } from './template/parameters.ts';
import { collectReferences, creationOrder, referencedNames } from './template/references.ts';

export interface PlanInput {
  env: CfnEnv;
  stack: StackIdentity;
  previous: {
    template: ParsedTemplate | undefined;
    parameters: readonly StackParameter[];
    resources: ReadonlyMap<string, StackResourceState>;
    outputs: readonly StackOutput[];
  };
  template: ParsedTemplate;
  parameters: readonly StackParameter[];
}

export interface Plan {
  changes: ResourceChange[];
  /** False when neither resources, parameters nor outputs would change. */
  hasChanges: boolean;
}

/** Thrown (as a FAILED change set reason) when a resource's type changes. */
export class PlanFailure extends Error {}

function containsUnknown(value: Json | undefined): boolean {
  return value !== undefined && JSON.stringify(value).includes(KNOWN_AFTER_APPLY);
}

function changedKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !jsonEqual(before[key], after[key])).sort();
}

interface DetailInput {
  template: ParsedTemplate;
  rawBefore: Json | undefined;
  rawAfter: Json | undefined;
  changedParameters: Set<string>;
  pending: Set<string>;
}

/** Why a property changed: edited in the template, via a parameter, or via another resource. */
function causes(input: DetailInput): Pick<ChangeDetail, 'changeSource' | 'causingEntity' | 'evaluation'>[] {
  if (!jsonEqual(input.rawBefore, input.rawAfter)) {
    return [{ changeSource: 'DirectModification', causingEntity: undefined, evaluation: 'Static' }];
  }
  const raw = input.rawAfter ?? null;
  const found: Pick<ChangeDetail, 'changeSource' | 'causingEntity' | 'evaluation'>[] = [];
  for (const name of referencedNames(raw, input.template)) {
    if (input.changedParameters.has(name)) {
      found.push({ changeSource: 'ParameterReference', causingEntity: name, evaluation: 'Static' });
    }
  }
  const refs = collectReferences(raw);
  for (const name of refs.refs) {
    if (input.pending.has(name))
      found.push({ changeSource: 'ResourceReference', causingEntity: name, evaluation: 'Dynamic' });
  }
  for (const [target, attribute] of refs.getAtts) {
    if (input.pending.has(target)) {
      found.push({
        changeSource: 'ResourceReference',
        causingEntity: `${target}.${attribute}`,
        evaluation: 'Dynamic',
      });
    }
  }
  return found.length > 0
    ? found
    : [{ changeSource: 'DirectModification', causingEntity: undefined, evaluation: 'Static' }];
}

function replacementOf(details: readonly ChangeDetail[]): Replacement {
  if (details.some((d) => d.requiresRecreation === 'Always' && d.evaluation === 'Static')) return 'True';
  if (details.some((d) => d.requiresRecreation !== 'Never')) return 'Conditional';
  return 'False';
}

function changedParameterNames(
  before: readonly StackParameter[],
  after: readonly StackParameter[],
): Set<string> {
  const names = new Set<string>();
  for (const p of after) if (before.find((q) => q.key === p.key)?.value !== p.value) names.add(p.key);
  return names;
}

export function planChanges(input: PlanInput): Plan {
  const { template, previous } = input;
  const pending = new Set<string>();
  const ctx = createEvalContext({
    env: input.env,
    stack: input.stack,
    template,
    parameters: input.parameters,
    resource: (id) => (pending.has(id) ? undefined : previous.resources.get(id)),
  });
  const changedParameters = changedParameterNames(previous.parameters, input.parameters);
  const desired = activeResources(template, ctx, creationOrder(template));
  const changes: ResourceChange[] = [];
  for (const id of desired) {
    const decl = template.resources.get(id);
    if (!decl) continue;
    const after = evaluateObject(decl.properties, ctx);
    const prev = previous.resources.get(id);
    if (!prev) {
      pending.add(id);
      changes.push(addChange(id, decl.type, after));
      continue;
    }
    if (prev.type !== decl.type) {
      throw new PlanFailure(
        `Update of resource type is not permitted. The new template modifies resource type of the following resources: [${id}]`,
      );
    }
    const keys = changedKeys(prev.properties, after);
    if (keys.length === 0) continue;
    const provider = providerFor(decl.type);
    const rawBefore = previous.template?.resources.get(id)?.properties ?? {};
    const details = keys.flatMap((key) =>
      causes({
        template,
        rawBefore: rawBefore[key],
        rawAfter: decl.properties[key],
        changedParameters,
        pending,
      }).map((cause): ChangeDetail => ({
        ...cause,
        evaluation: containsUnknown(after[key]) ? 'Dynamic' : cause.evaluation,
        name: key,
        requiresRecreation: provider.recreation(key),
        before: prev.properties[key],
        after: after[key],
      })),
    );
    const replacement = replacementOf(details);
    if (replacement !== 'False') pending.add(id);
    changes.push({
      action: 'Modify',
      logicalId: id,
      physicalId: prev.physicalId,
      resourceType: decl.type,
      replacement,
      policyAction: replacement === 'True' ? 'ReplaceAndDelete' : undefined,
      scope: [...new Set(keys.map((key) => (key === 'Tags' ? 'Tags' : 'Properties')))],
      details,
      before: prev.properties,
      after,
    });
  }
  for (const [id, prev] of previous.resources) {
    if (!desired.includes(id)) changes.push(removeChange(prev));
  }
  const outputs = evaluateOutputs(template, ctx);
  const hasChanges =
    changes.length > 0 ||
    !sameParameters(previous.parameters, input.parameters) ||
    !sameOutputs(previous.outputs, outputs);
  return { changes, hasChanges };
}

function addChange(logicalId: string, resourceType: string, after: JsonObject): ResourceChange {
  return {
    action: 'Add',
    logicalId,
    physicalId: undefined,
    resourceType,
    replacement: undefined,
    policyAction: undefined,
    scope: [],
    details: [],
    before: undefined,
    after: isJsonObject(after) ? after : undefined,
  };
}

function removeChange(prev: StackResourceState): ResourceChange {
  return {
    action: 'Remove',
    logicalId: prev.logicalId,
    physicalId: prev.physicalId,
    resourceType: prev.type,
    replacement: undefined,
    policyAction: prev.deletionPolicy === 'Retain' ? 'Retain' : 'Delete',
    scope: [],
    details: [],
    before: prev.properties,
    after: undefined,
  };
}
