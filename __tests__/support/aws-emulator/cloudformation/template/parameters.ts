// Resolution and validation of stack parameters against the template's Parameters section.
import { validationError } from '../../errors.ts';
import type { Json } from '../../util/json.ts';
import type { StackParameter } from '../model.ts';
import type { ParameterDecl, ParsedTemplate } from './model.ts';

export interface ParameterInput {
  key: string;
  value: string | undefined;
  usePreviousValue: boolean;
}

const isList = (type: string): boolean => type === 'CommaDelimitedList' || type.startsWith('List<');

function checkConstraints(key: string, decl: ParameterDecl, value: string): void {
  const fail = (detail: string): never => {
    throw validationError(
      decl.constraintDescription === undefined
        ? `Parameter '${key}' ${detail}`
        : `Parameter '${key}' failed to satisfy constraint: ${decl.constraintDescription}`,
    );
  };
  if (decl.type === 'Number' && (value.trim() === '' || Number.isNaN(Number(value))))
    fail('must be a number');
  if (decl.allowedValues && !decl.allowedValues.includes(value)) fail('must be one of AllowedValues');
  if (decl.allowedPattern !== undefined && !new RegExp(`^(?:${decl.allowedPattern})$`).test(value)) {
    fail(`must match pattern ${decl.allowedPattern}`);
  }
  if (decl.minLength !== undefined && value.length < decl.minLength) {
    fail(`must contain at least ${decl.minLength} characters`);
  }
  if (decl.maxLength !== undefined && value.length > decl.maxLength) {
    fail(`must contain at most ${decl.maxLength} characters`);
  }
  if (decl.minValue !== undefined && Number(value) < decl.minValue)
    fail(`must be a number not less than ${decl.minValue}`);
  if (decl.maxValue !== undefined && Number(value) > decl.maxValue) {
    fail(`must be a number not greater than ${decl.maxValue}`);
  }
}

export function resolveParameters(
  template: ParsedTemplate,
  inputs: readonly ParameterInput[],
  previous: readonly StackParameter[] | undefined,
): StackParameter[] {
  const unknown = inputs.map((input) => input.key).filter((key) => !template.parameters.has(key));
  if (unknown.length > 0)
    throw validationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const given = new Map(inputs.map((input) => [input.key, input]));
  const missing: string[] = [];
  const resolved: StackParameter[] = [];
  for (const [key, decl] of template.parameters) {
    const input = given.get(key);
    let value: string | undefined;
    if (input?.usePreviousValue) {
      value = previous?.find((p) => p.key === key)?.value;
      if (value === undefined) {
        throw validationError(
          `Invalid input for parameter key ${key}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`,
        );
      }
    } else {
      value = input?.value ?? decl.default;
    }
    if (value === undefined) {
      missing.push(key);
      continue;
    }
    if (!isList(decl.type)) checkConstraints(key, decl, value);
    resolved.push({ key, value, noEcho: decl.noEcho });
  }
  if (missing.length > 0) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
  return resolved;
}

/** Parameter values as seen by Ref: list types become arrays. */
export function parameterValues(
  template: ParsedTemplate,
  parameters: readonly StackParameter[],
): Map<string, Json> {
  const values = new Map<string, Json>();
  for (const parameter of parameters) {
    const type = template.parameters.get(parameter.key)?.type ?? 'String';
    values.set(
      parameter.key,
      isList(type) ? parameter.value.split(',').map((item) => item.trim()) : parameter.value,
    );
  }
  return values;
}

export function sameParameters(a: readonly StackParameter[], b: readonly StackParameter[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p) => b.some((q) => q.key === p.key && q.value === p.value));
}
