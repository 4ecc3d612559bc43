// Each role's trust policy as it will reach IAM in one account, measured as IAM measures it
// (characters without whitespace) so that AssumeRolePolicySizeQuota can be checked per account.
import { templateValues } from '../access/template-values.ts';
import type { AccountConfig, RoleModelConfig, RoleTemplate, TrustPolicySize } from '../model.ts';
import { propertiesOf, resourcesOf } from '../privilege/collect.ts';
import { policySize } from './policy-size.ts';
import { UNKNOWN, resolveValue } from './resolve.ts';

export const trustPolicySizes = (
  config: RoleModelConfig,
  template: RoleTemplate,
  account: AccountConfig,
): TrustPolicySize[] => {
  const values = templateValues(config, template, account);
  const resources = resourcesOf(template.document);
  return template.roles.flatMap((role): TrustPolicySize[] => {
    const document = propertiesOf(resources[role.logicalId])['AssumeRolePolicyDocument'];
    if (document === undefined) return [];
    const resolved = resolveValue(document, values);
    // CloudFormation sends a document given as a string as it is, and an object as JSON.
    const characters =
      resolved === UNKNOWN
        ? undefined
        : typeof resolved === 'string'
          ? resolved.replace(/\s/g, '').length
          : policySize(resolved);
    return [{ role: role.logicalId, characters, position: role.trustPosition ?? role.position }];
  });
};
