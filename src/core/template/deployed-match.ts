// Whether a deployed stack already is what the files ask for, without a change set.
//
// Invariant: `matchesDeployed` says "same" only when CloudFormation would be given exactly
// what it already holds: the same template text, byte for byte, and the same value for every
// parameter, in a stack whose last operation succeeded as asked. Anything whose outcome can
// change while the text stays the same (dynamic references, SSM parameter types, macros,
// nested templates, hidden parameter values) is never compared: it always gets a change set.
import type { DesiredStack, RoleTemplate } from '../model.ts';

/**
 * Stack states whose template and parameters are what the last operation asked for.
 * UPDATE_ROLLBACK_COMPLETE is left out on purpose: its last update failed, and a rollback
 * that had to skip resources (ContinueUpdateRollback) leaves resources that differ from the
 * template it reports; IMPORT_COMPLETE holds resources as they were, not as the template
 * says. In those states CloudFormation's own change set decides.
 */
const SETTLED_AS_ASKED: ReadonlySet<string> = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);

export interface DeployedStack {
  readonly status: string;
  /** GetTemplate, stage Original: the text as it was submitted. */
  readonly templateBody: string;
  /** DescribeStacks' parameters (NoEcho values come back masked). */
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const entries = (value: unknown): [string, Readonly<Record<string, unknown>>][] =>
  isRecord(value)
    ? Object.entries(value).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]))
    : [];

/** Any `Fn::Transform` (inline macro) anywhere in the document. */
const hasInlineTransform = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.some(hasInlineTransform);
  if (!isRecord(value)) return false;
  return Object.entries(value).some(([key, inner]) => key === 'Fn::Transform' || hasInlineTransform(inner));
};

/** Resource types whose deployed outcome depends on files outside the template. */
const OUTSIDE_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'AWS::CloudFormation::Stack',
  'AWS::Serverless::Application',
]);

/**
 * Why this template always needs a change set, or undefined when a deployed stack with the
 * same text and parameters can be trusted to be unchanged.
 */
export const changeSetRequired = (template: RoleTemplate): string | undefined => {
  const doc = template.document;
  if (template.body.includes('{{resolve:'))
    return 'the template uses dynamic references ({{resolve:…}}), whose values can change without a commit';
  const parameters = entries(doc['Parameters']);
  const ssm = parameters.find(([, p]) => typeof p['Type'] === 'string' && p['Type'].startsWith('AWS::SSM::'));
  if (ssm)
    return `parameter ${ssm[0]} is read from SSM Parameter Store, whose value can change without a commit`;
  const hidden = parameters.find(([, p]) => p['NoEcho'] === true || p['NoEcho'] === 'true');
  if (hidden) return `parameter ${hidden[0]} is NoEcho, so its deployed value cannot be compared`;
  if (doc['Transform'] !== undefined || hasInlineTransform(doc))
    return 'the template uses a transform, whose output can change without a commit';
  const nested = entries(doc['Resources']).find(
    ([, r]) => typeof r['Type'] === 'string' && OUTSIDE_CONTENT_TYPES.has(r['Type']),
  );
  if (nested) return `resource ${nested[0]} deploys a template stored outside this one`;
  const badDefault = parameters.find(
    ([, p]) => p['Default'] !== undefined && defaultText(p['Default']) === undefined,
  );
  if (badDefault) return `the default of parameter ${badDefault[0]} is not a plain value`;
  return undefined;
};

/** A parameter default as CloudFormation stores it (YAML may give a number or a boolean). */
const defaultText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
};

/** Every declared parameter with the value a deployment would get: given, else its default. */
export const effectiveParameters = (
  stack: DesiredStack,
  template: RoleTemplate,
): ReadonlyMap<string, string | undefined> => {
  const given = new Map(stack.parameters.map((p) => [p.key, p.value]));
  return new Map(
    entries(template.document['Parameters']).map(([key, declared]) => [
      key,
      given.get(key) ?? defaultText(declared['Default']),
    ]),
  );
};

const sameParameters = (
  wanted: ReadonlyMap<string, string | undefined>,
  deployed: DeployedStack['parameters'],
): boolean =>
  deployed.length === wanted.size &&
  deployed.every((p) => wanted.has(p.key) && wanted.get(p.key) === p.value);

/** True only when deploying `stack` would hand CloudFormation exactly what it holds. */
export const matchesDeployed = (
  stack: DesiredStack,
  template: RoleTemplate,
  deployed: DeployedStack,
): boolean =>
  SETTLED_AS_ASKED.has(deployed.status) &&
  changeSetRequired(template) === undefined &&
  deployed.templateBody === stack.templateBody &&
  sameParameters(effectiveParameters(stack, template), deployed.parameters);

/** Whether a stack in this state may be compared at all (the others always get a change set). */
export const comparableStatus = (status: string): boolean => SETTLED_AS_ASKED.has(status);
