// AWS managed policies recognized by name. The short ones are written out and evaluated
// like any other statement (so a Deny in the template still subtracts from them); the long
// ones are classified by name. Any other managed policy ARN is `custom`: its contents are
// not in the template and may change without a commit.
import { normalizeDocument, opaqueStatement } from './statements.ts';
import type { NormalizedStatement, PrivilegeLevel, StatementSource } from './types.ts';

type Statement = Readonly<Record<string, unknown>>;

interface KnownPolicy {
  readonly level: PrivilegeLevel;
  readonly note: string;
  /** The policy's statements, when short enough to evaluate. */
  readonly statements?: readonly Statement[];
}

const allow = (action: string | readonly string[]): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: '*',
});

const READ_ONLY = (what: string): KnownPolicy => ({ level: 'read-only', note: `read-only: ${what}` });
const PASSES_ROLES = (what: string): KnownPolicy => ({
  level: 'iam-write',
  note: `grants iam:PassRole, to hand roles to ${what}`,
});

/** Keyed by the name after `policy/`, path included, as in the ARN (checked against AWS's
 * managed policy reference; the job functions live under `job-function/` only). */
const KNOWN: Readonly<Record<string, KnownPolicy>> = {
  AdministratorAccess: { level: 'admin', note: 'full access', statements: [allow('*')] },
  PowerUserAccess: {
    level: 'write',
    note: 'everything but IAM, Organizations and account settings',
    statements: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
        'account:ListRegions',
        'account:GetAccountInformation',
        'account:GetGovCloudAccountInformation',
        'account:GetPrimaryEmail',
        'organizations:DescribeEffectivePolicy',
      ]),
    ],
  },
  IAMFullAccess: {
    level: 'iam-write',
    note: 'full access to IAM',
    statements: [
      allow([
        'iam:*',
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:DescribePolicy',
        'organizations:ListChildren',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:ListPolicies',
        'organizations:ListRoots',
        'organizations:ListTargetsForPolicy',
      ]),
    ],
  },
  ReadOnlyAccess: READ_ONLY('reads every service, data included, such as S3 objects'),
  'job-function/ViewOnlyAccess': READ_ONLY('lists and describes resources, no data'),
  SecurityAudit: READ_ONLY('reads security configuration'),
  IAMReadOnlyAccess: READ_ONLY('reads IAM'),
  AWSBillingReadOnlyAccess: READ_ONLY('reads billing'),
  'job-function/Billing': { level: 'write', note: 'changes billing settings, budgets and payment methods' },
  'job-function/SupportUser': {
    level: 'write',
    note: 'opens and manages support cases, reads most services (all of IAM included), receives SQS messages',
  },
  'job-function/DatabaseAdministrator': PASSES_ROLES('RDS monitoring, Lambda and Data Pipeline'),
  'job-function/DataScientist': PASSES_ROLES('SageMaker (any role), EMR, Data Pipeline and Kinesis'),
  'job-function/NetworkAdministrator': PASSES_ROLES('VPC flow logs'),
  'job-function/SystemAdministrator': {
    level: 'iam-write',
    note: 'grants iam:PassRole, to hand roles to EC2, ECR, Lambda and RDS monitoring, and uploads SSH keys and certificates for any IAM user',
  },
  // Named read-only, but may cancel any running query.
  AmazonTimestreamReadOnlyAccess: { level: 'write', note: 'reads Timestream and cancels any running query' },
};

/** The partition may be written `${AWS::Partition}`, whose colons are not separators. */
const AWS_MANAGED_ARN = /^arn:(?:\$\{AWS::Partition\}|[^:]*):iam::aws:policy\/(.+)$/;

/** `ReadOnlyAccess` from `arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess`, else undefined. */
export const awsManagedName = (arnText: string): string | undefined => AWS_MANAGED_ARN.exec(arnText)?.[1];

/** The statements that stand for an AWS managed policy, by its name. */
export const awsManagedStatements = (name: string): NormalizedStatement[] => {
  const source: StatementSource = { kind: 'aws-managed', name };
  const known = KNOWN[name];
  if (known?.statements !== undefined)
    return normalizeDocument({ Version: '2012-10-17', Statement: known.statements }, source);
  if (known !== undefined) return [opaqueStatement(source, known.level, known.note)];
  // AWS names its read-only policies so (AmazonS3ReadOnlyAccess, AmazonEC2ReadOnlyAccess, ...).
  if (/ReadOnly(?:Access)?$/.test(name))
    return [opaqueStatement(source, 'read-only', 'read-only by its AWS name')];
  return [opaqueStatement(source, 'custom', 'an AWS managed policy whose contents are not evaluated')];
};
