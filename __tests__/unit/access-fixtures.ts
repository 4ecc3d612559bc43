// Templates and group plans for the access review's unit tests.
import type { GroupPlan, MemberRemoval } from '../../src/core/plan/types.ts';
import { analyzeRoles } from '../../src/core/privilege/privilege.ts';
import type { RolePrivilege } from '../../src/core/privilege/privilege.ts';
import { parseTemplate } from '../../src/core/template/parse-template.ts';
import { cfnCustomTags } from '../../src/core/yaml/cfn-tags.ts';
import { loadYaml } from '../../src/core/yaml/load.ts';

const MFA_TRUST = `
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AssumingAccountID}:root" }
            Action: sts:AssumeRole
            Condition:
              Bool: { "aws:MultiFactorAuthPresent": "true" }`;

const OPEN_TRUST = `
        Statement:
          - Effect: Allow
            Principal: { AWS: "*" }
            Action: sts:AssumeRole`;

export interface RoleSpec {
  /** Permission statements as a YAML flow list. */
  readonly statements: string;
  readonly trust?: 'mfa' | 'no-mfa' | 'anyone';
}

const trustOf = (spec: RoleSpec): string =>
  spec.trust === 'anyone'
    ? OPEN_TRUST
    : spec.trust === 'no-mfa'
      ? MFA_TRUST.replace(/\n\s+Condition:\n.*$/, '')
      : MFA_TRUST;

export const templateText = (roles: Readonly<Record<string, RoleSpec>>): string =>
  [
    'Parameters:',
    '  AssumingAccountID: { Type: String }',
    'Resources:',
    ...Object.entries(roles).map(
      ([id, spec]) => `  ${id}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:${trustOf(spec)}
      Policies:
        - PolicyName: ${id}Policy
          PolicyDocument:
            Statement: ${spec.statements}`,
    ),
  ].join('\n');

export const analyzed = (roles: Readonly<Record<string, RoleSpec>>): ReadonlyMap<string, RolePrivilege> => {
  const bytes = new TextEncoder().encode(templateText(roles));
  const loaded = loadYaml('roles.yml', bytes, { example: '', customTags: cfnCustomTags });
  if (!loaded.ok) throw new Error('the test template does not parse');
  return analyzeRoles(parseTemplate(loaded.value).template);
};

export const ADMIN: RoleSpec = { statements: '[{ Effect: Allow, Action: "*", Resource: "*" }]' };
export const READ: RoleSpec = {
  statements: '[{ Effect: Allow, Action: ["s3:Get*", "s3:List*"], Resource: "*" }]',
};
export const PASS: RoleSpec = {
  statements: '[{ Effect: Allow, Action: ["s3:Get*", "s3:List*", "iam:PassRole"], Resource: "*" }]',
};

export const groupPlan = (
  name: string,
  options: {
    readonly add?: readonly string[];
    readonly remove?: readonly MemberRemoval[];
    readonly members?: readonly string[];
    readonly action?: GroupPlan['action'];
  } = {},
): GroupPlan => {
  const [accountName, roleLogicalId] = name.split('.');
  return {
    name,
    path: '/RoleModel/',
    accountName,
    roleLogicalId,
    action: options.action ?? 'update',
    roleArn: undefined,
    policyName: `${name}-Policy`,
    policy: undefined,
    extraPolicies: [],
    membersToAdd: options.add ?? [],
    membersToRemove: options.remove ?? [],
    members: options.members ?? options.add ?? [],
  };
};
