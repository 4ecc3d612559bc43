// IAM's account quotas as GetAccountSummary names them, with AWS's defaults. Each account of
// the emulator has its own copy, which a test may change (setIamQuotas); the store enforces
// the ones RoleModel meets with LimitExceeded, as IAM does.
export interface IamQuotas {
  /** Groups a user may be in; fixed at 10 in AWS. */
  GroupsPerUserQuota: number;
  /** Groups in the account (300 by default, up to 500 on request). */
  GroupsQuota: number;
  /** Non-whitespace characters of all of a group's inline policies together. */
  GroupPolicySizeQuota: number;
  /** Non-whitespace characters of a role's trust policy (2,048 by default, up to 4,096). */
  AssumeRolePolicySizeQuota: number;
  /** Non-whitespace characters of all of a role's inline policies together. */
  RolePolicySizeQuota: number;
  UserPolicySizeQuota: number;
  UsersQuota: number;
  RolesQuota: number;
  PolicySizeQuota: number;
  PoliciesQuota: number;
  AttachedPoliciesPerGroupQuota: number;
  AttachedPoliciesPerRoleQuota: number;
  AttachedPoliciesPerUserQuota: number;
  AccessKeysPerUserQuota: number;
  SigningCertificatesPerUserQuota: number;
  ServerCertificatesQuota: number;
  InstanceProfilesQuota: number;
  VersionsPerPolicyQuota: number;
  PolicyVersionsInUseQuota: number;
}

export const AWS_DEFAULT_QUOTAS: Readonly<IamQuotas> = {
  GroupsPerUserQuota: 10,
  GroupsQuota: 300,
  GroupPolicySizeQuota: 5120,
  AssumeRolePolicySizeQuota: 2048,
  RolePolicySizeQuota: 10240,
  UserPolicySizeQuota: 2048,
  UsersQuota: 5000,
  RolesQuota: 1000,
  PolicySizeQuota: 6144,
  PoliciesQuota: 1500,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  ServerCertificatesQuota: 20,
  InstanceProfilesQuota: 1000,
  VersionsPerPolicyQuota: 5,
  PolicyVersionsInUseQuota: 10000,
};
