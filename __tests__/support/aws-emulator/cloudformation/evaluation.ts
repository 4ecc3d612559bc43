// Builds the intrinsic-function context for one stack: parameters, pseudo parameters,
// conditions, resource references and exports.
import { AwsError } from '../errors.ts';
import type { Json } from '../util/json.ts';
import type { CfnEnv } from './env.ts';
import type { StackParameter, StackResourceState } from './model.ts';
import { opaqueAttribute } from './resources/opaque.ts';
import { providerFor } from './resources/registry.ts';
import { templateError } from './template/errors.ts';
import { conditionResolver, type EvalContext } from './template/intrinsics.ts';
import type { ParsedTemplate } from './template/model.ts';
import { parameterValues } from './template/parameters.ts';

/** What CloudFormation shows for values that only exist once the change set is executed. */
export const KNOWN_AFTER_APPLY = '{{changeSet:KNOWN_AFTER_APPLY}}';

export interface StackIdentity {
  id: string;
  name: string;
  account: string;
  region: string;
}

export interface ContextInput {
  env: CfnEnv;
  stack: StackIdentity;
  template: ParsedTemplate;
  parameters: readonly StackParameter[];
  /** Current state of a resource, or undefined when its values are not known yet. */
  resource(logicalId: string): StackResourceState | undefined;
}

function pseudoParameters(stack: StackIdentity): [string, Json][] {
  return [
    ['AWS::AccountId', stack.account],
    ['AWS::Region', stack.region],
    ['AWS::StackName', stack.name],
    ['AWS::StackId', stack.id],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ];
}

/** Exported output values of the other live stacks in the same account and region. */
export function importValue(env: CfnEnv, stack: StackIdentity, name: string): Json {
  const region = env.region(stack.account, stack.region);
  for (const other of region.stacks) {
    if (other.id === stack.id || other.status === 'DELETE_COMPLETE') continue;
    const output = other.outputs.find((o) => o.exportName === name);
    if (output) return output.value;
  }
  throw new AwsError('ValidationError', `No export named ${name} found.`);
}

export function createEvalContext(input: ContextInput): EvalContext {
  const { template, stack } = input;
  const values = new Map<string, Json>([
    ...pseudoParameters(stack),
    ...parameterValues(template, input.parameters),
  ]);
  const checkAttribute = (logicalId: string, attribute: string): void => {
    const decl = template.resources.get(logicalId);
    if (!decl) throw templateError(`instance of Fn::GetAtt references undefined resource ${logicalId}`);
    const supported = providerFor(decl.type).attributes;
    if (supported && !supported.includes(attribute)) {
      throw templateError(`resource ${logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
    }
  };
  const base: Omit<EvalContext, 'condition'> = {
    region: stack.region,
    values,
    mappings: template.mappings,
    isResource: (name) => template.resources.has(name),
    ref: (logicalId) => input.resource(logicalId)?.physicalId ?? KNOWN_AFTER_APPLY,
    getAtt(logicalId, attribute) {
      checkAttribute(logicalId, attribute);
      const state = input.resource(logicalId);
      if (!state) return KNOWN_AFTER_APPLY;
      return (
        state.attributes[attribute] ??
        opaqueAttribute(state.physicalId, attribute, stack.account, stack.region)
      );
    },
    importValue: (name) => importValue(input.env, stack, name),
  };
  const condition = conditionResolver(template.conditions, (resolve) => ({ ...base, condition: resolve }));
  return { ...base, condition };
}

/** Logical ids whose Condition holds, i.e. the resources the template actually declares. */
export function activeResources(
  template: ParsedTemplate,
  ctx: EvalContext,
  order: readonly string[],
): string[] {
  return order.filter((id) => {
    const condition = template.resources.get(id)?.condition;
    return condition === undefined || ctx.condition(condition);
  });
}
