// Which actions matter: the IAM writes that let a role give itself (or anyone) more power,
// and the verbs that only read. Both are fixed lists, so the level does not depend on a
// catalog of every AWS action that changes every week.

/**
 * IAM actions that let whoever holds them escalate: change what an identity may do, who
 * may act as one, or hand a role to a service. `iam:CreateServiceLinkedRole` is not here:
 * AWS fixes those roles' policies, so creating one grants nothing new. Neither is
 * `sts:AssumeRole`: a role can only be assumed where its own trust policy allows, and
 * writing trust policies needs one of these.
 */
export const ESCALATION_ACTIONS: readonly string[] = [
  // What an identity may do: policies, versions, boundaries, groups.
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:PutGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:AttachGroupPolicy',
  // Removing a policy that holds a Deny widens too.
  'iam:DeleteRolePolicy',
  'iam:DeleteUserPolicy',
  'iam:DeleteGroupPolicy',
  'iam:DetachRolePolicy',
  'iam:DetachUserPolicy',
  'iam:DetachGroupPolicy',
  'iam:CreatePolicy',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:PutRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:AddUserToGroup',
  // Who may act as an identity: trust policies, new identities, credentials, federation.
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateRole',
  'iam:UpdateRole',
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:DeactivateMFADevice',
  'iam:CreateOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:AddClientIDToOpenIDConnectProvider',
  'iam:CreateSAMLProvider',
  'iam:UpdateSAMLProvider',
  // Hand an existing, more powerful role to a service (EC2, Lambda, CloudFormation, ...).
  'iam:PassRole',
];

/**
 * Verbs of actions that only read: `Get*`, `List*`, `Describe*`, `View*`, `Search*`,
 * `Lookup*`, `Query*`, `Scan*`, `Filter*`, `BatchGet*`. Anything else (`Generate*`,
 * `Simulate*`, `Validate*`, `Start*`, ...) counts as a write: claiming too much power is
 * the safe error for a reviewer.
 */
export const READ_VERBS: readonly string[] = [
  'Get',
  'BatchGet',
  'List',
  'Describe',
  'View',
  'Search',
  'Lookup',
  'Query',
  'Scan',
  'Filter',
];

/**
 * Whether every action a pattern can match only reads: the part after `service:` must begin
 * with a read verb before any wildcard (`s3:Get*`, `ec2:DescribeInstances`, `*:List*`; not
 * `s3:*`, `s3:G*`, `s3:*Object`). Actions compare without regard to case, as in IAM.
 */
export const isReadPattern = (pattern: string): boolean => {
  const colon = pattern.indexOf(':');
  if (colon < 0) return false;
  const name = pattern.slice(colon + 1).toLowerCase();
  return READ_VERBS.some((verb) => name.startsWith(verb.toLowerCase()));
};
