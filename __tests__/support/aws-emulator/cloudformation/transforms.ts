// Transforms run when a change set is *created*: CloudFormation expands its hosted transforms
// (AWS::Include, AWS::Serverless, ...) and calls a macro's Lambda function in the account, before
// anyone has seen the result. The emulator records every run, so a test can tell whether a
// template made code run during a review; the expansion itself is the identity, which is all the
// templates of the tests need.
import { isJsonObject, type Json } from '../util/json.ts';
import type { CfnRegionState, ChangeSet } from './model.ts';
import type { ParsedTemplate } from './template/model.ts';

/** Transforms CloudFormation hosts in every account. */
export const HOSTED_TRANSFORMS: readonly string[] = [
  'AWS::Include',
  'AWS::Serverless-2016-10-31',
  'AWS::LanguageExtensions',
  'AWS::SecretsManager-2020-07-23',
  'AWS::CodeDeployBlueGreen',
];

export interface TransformRun {
  account: string;
  region: string;
  stackName: string;
  changeSetName: string;
  transform: string;
}

/** `Fn::Transform` names anywhere in a JSON value. */
function embeddedNames(value: Json | undefined, out: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => embeddedNames(item, out));
  else if (isJsonObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Fn::Transform' && isJsonObject(inner) && typeof inner.Name === 'string')
        out.push(inner.Name);
      embeddedNames(inner, out);
    }
  }
}

/** Every transform the template invokes: top-level first, then embedded ones. */
export function transformNames(template: ParsedTemplate): string[] {
  const names = [...template.transforms];
  for (const resource of template.resources.values()) embeddedNames(resource.properties, names);
  for (const output of template.outputs.values()) embeddedNames(output.value, names);
  return names;
}

/**
 * Runs the template's transforms for a change set being created: each one that exists (hosted,
 * or a macro of the account) is recorded as run. Returns why the change set fails when one
 * does not exist.
 */
export function runTransforms(
  region: CfnRegionState,
  template: ParsedTemplate,
  changeSet: Pick<ChangeSet, 'stackName' | 'name'>,
): string | undefined {
  for (const transform of transformNames(template)) {
    if (!HOSTED_TRANSFORMS.includes(transform) && !region.macros.has(transform))
      return `No transform named ${region.account}::${transform} found.`;
    region.transformRuns.push({
      account: region.account,
      region: region.region,
      stackName: changeSet.stackName,
      changeSetName: changeSet.name,
      transform,
    });
  }
  return undefined;
}

/**
 * A template expanded by a transform that creates nested stacks needs CAPABILITY_AUTO_EXPAND
 * on its change set when it is executed; undefined when this one does not.
 */
export function missingAutoExpand(changeSet: ChangeSet): string | undefined {
  if (transformNames(changeSet.template).length === 0) return undefined;
  const nested = [...changeSet.template.resources.values()].some(
    (r) => r.type === 'AWS::CloudFormation::Stack',
  );
  if (!nested || changeSet.capabilities.includes('CAPABILITY_AUTO_EXPAND')) return undefined;
  return 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]';
}
