import { AwsError, validationError } from '../../errors.ts';
import type { ParsedTemplate } from './model.ts';

export type Capability = 'CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND';
const KNOWN: readonly string[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

/** IAM resource types and the property that gives them a custom (explicit) name. */
const IAM_TYPES: Record<string, string | undefined> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::UserToGroupAddition': undefined,
};

export interface CapabilityRequirement {
  capability: Capability;
  resourceTypes: string[];
}

export function requiredCapability(template: ParsedTemplate): CapabilityRequirement | undefined {
  const types = new Set<string>();
  let named = false;
  for (const decl of template.resources.values()) {
    if (!(decl.type in IAM_TYPES)) continue;
    types.add(decl.type);
    const nameProperty = IAM_TYPES[decl.type];
    if (nameProperty !== undefined && decl.properties[nameProperty] !== undefined) named = true;
  }
  if (types.size === 0) return undefined;
  return { capability: named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM', resourceTypes: [...types].sort() };
}

export function validateCapabilityValues(given: readonly string[]): void {
  const bad = given.filter((value) => !KNOWN.includes(value));
  if (bad.length > 0) {
    throw validationError(
      `1 validation error detected: Value '[${bad.join(', ')}]' at 'capabilities' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]`,
    );
  }
}

/** Named IAM resources need CAPABILITY_NAMED_IAM; CAPABILITY_NAMED_IAM also covers unnamed ones. */
export function checkCapabilities(template: ParsedTemplate, given: readonly string[]): void {
  validateCapabilityValues(given);
  const required = requiredCapability(template);
  if (!required) return;
  const ok =
    given.includes('CAPABILITY_NAMED_IAM') ||
    (required.capability === 'CAPABILITY_IAM' && given.includes('CAPABILITY_IAM'));
  if (!ok) {
    throw new AwsError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${required.capability}]`,
      400,
    );
  }
}
