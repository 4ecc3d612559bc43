import { iamManagedPolicyProvider } from './iam-managed-policy.ts';
import { iamPolicyProvider } from './iam-policy.ts';
import { iamRoleProvider } from './iam-role.ts';
import { opaqueProvider } from './opaque.ts';
import type { ResourceProvider } from './types.ts';

const PROVIDERS: Record<string, ResourceProvider> = {
  'AWS::IAM::Role': iamRoleProvider,
  'AWS::IAM::Policy': iamPolicyProvider,
  'AWS::IAM::ManagedPolicy': iamManagedPolicyProvider,
};

export function providerFor(type: string): ResourceProvider {
  return PROVIDERS[type] ?? opaqueProvider;
}
