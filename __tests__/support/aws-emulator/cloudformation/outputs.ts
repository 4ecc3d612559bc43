import type { Json } from '../util/json.ts';
import type { StackOutput } from './model.ts';
import { evaluate, evaluateCondition, NO_VALUE, type EvalContext } from './template/intrinsics.ts';
import type { ParsedTemplate } from './template/model.ts';

const asText = (value: Json | typeof NO_VALUE): string => {
  if (value === NO_VALUE || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => asText(item)).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** Outputs whose Condition holds, evaluated against the given context. */
export function evaluateOutputs(template: ParsedTemplate, ctx: EvalContext): StackOutput[] {
  const outputs: StackOutput[] = [];
  for (const [key, decl] of template.outputs) {
    if (decl.condition !== undefined && !evaluateCondition({ Condition: decl.condition }, ctx)) continue;
    outputs.push({
      key,
      value: asText(evaluate(decl.value, ctx)),
      description: decl.description === undefined ? undefined : asText(evaluate(decl.description, ctx)),
      exportName: decl.exportName === undefined ? undefined : asText(evaluate(decl.exportName, ctx)),
    });
  }
  return outputs;
}

export function sameOutputs(a: readonly StackOutput[], b: readonly StackOutput[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((o) =>
    b.some((p) => p.key === o.key && p.value === o.value && p.exportName === o.exportName),
  );
}
