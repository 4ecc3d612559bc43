// A small valid RoleModel repository (config, template, user map) that tests break one way at a time.

export const VALID_CONFIG = `assumable_roles: roles.yml
stack_name: RoleModel
master_account_id: "123456789012"
master_account_role: rolemodel-deployer
users: users.yml
region: us-east-1
assumable_accounts:
  - name: prod
    account_id: "210987654321"
  - name: cdn
    account_id: "310987654321"
    role: arn:aws:iam::310987654321:role/deployer
`;

export const VALID_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AssumingAccountID:
    Type: String
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AssumingAccountID}:root" }
            Action: sts:AssumeRole
  ReadOnlyRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: read-only
      AssumeRolePolicyDocument: { Statement: [] }
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"]
`;

export const VALID_USERS = `prod:
  AdminRole: [alice]
  ReadOnlyRole:
    - alice
    - bob
cdn:
  ReadOnlyRole: [bob]
`;

export const validFiles = (): Record<string, string | Uint8Array> => ({
  'rolemodel.yml': VALID_CONFIG,
  'roles.yml': VALID_TEMPLATE,
  'users.yml': VALID_USERS,
});
