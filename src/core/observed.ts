// What the AWS adapters report of the live accounts; the planner's other input.

/** A resource change of a CloudFormation change set, as DescribeChangeSet lists it. */
export interface ResourceChange {
  readonly action: 'Add' | 'Modify' | 'Remove' | 'Import' | 'Dynamic';
  readonly logicalId: string;
  readonly physicalId: string | undefined;
  readonly resourceType: string;
  /** `True` when the resource is replaced: a role's ARN changes. */
  readonly replacement: 'True' | 'False' | 'Conditional' | undefined;
  /** What changes: Properties, Metadata, Tags, ... */
  readonly scope: readonly string[];
  /** Names of the properties that change, when CloudFormation says. */
  readonly properties: readonly string[];
}

/** The review of one account's stack: what executing the change set would do. */
export type StackReview =
  | { readonly kind: 'create'; readonly changes: readonly ResourceChange[] }
  | { readonly kind: 'update'; readonly changes: readonly ResourceChange[] }
  | {
      readonly kind: 'no-change';
      /** Decided by comparing the deployed template and parameters, without a change set. */
      readonly comparedWithDeployed?: boolean;
    }
  /** The stack is in ROLLBACK_COMPLETE: it can only be deleted, then created again. */
  | { readonly kind: 'recreate'; readonly changes: readonly ResourceChange[]; readonly reason: string }
  /** The stack cannot be changed now (still busy after the wait, or in a failed state). */
  | { readonly kind: 'blocked'; readonly reason: string }
  /** The account could not be read (access denied, a template CloudFormation refused, ...). */
  | { readonly kind: 'error'; readonly reason: string };

export interface ObservedRole {
  readonly logicalId: string;
  readonly physicalName: string;
  readonly arn: string;
}

/** A quota read from the account (GetAccountSummary), or why it could not be read. */
export type QuotaRead<T> =
  { readonly read: true; readonly value: T } | { readonly read: false; readonly reason: string };

/** The master account's quotas a plan must stay within. */
export interface MasterQuotas {
  /** GroupsPerUserQuota: groups one user may be in (10, fixed). */
  readonly groupsPerUser: number;
  /** GroupsQuota: groups in the account, any path (300 by default). */
  readonly groups: number;
  /** GroupPolicySizeQuota: non-whitespace characters of all of a group's inline policies. */
  readonly groupPolicySize: number;
}

export interface ObservedAccount {
  readonly accountName: string;
  readonly accountId: string;
  /** Undefined when the stack does not exist. */
  readonly stackStatus: string | undefined;
  /** Roles the stack has now, by logical id. */
  readonly roles: readonly ObservedRole[];
  readonly review: StackReview;
  /** AssumeRolePolicySizeQuota of this account; undefined when it was not asked. */
  readonly trustPolicyQuota?: QuotaRead<number>;
}

/** A managed policy attached to a group (RoleModel never attaches any: it is drift). */
export interface AttachedPolicy {
  readonly arn: string;
  readonly name: string;
  /**
   * The default version's document of a customer managed policy; undefined for AWS managed
   * policies (known by name) and when it could not be read.
   */
  readonly document?: unknown;
}

export interface ObservedGroup {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly members: readonly string[];
  /** Inline policies, documents parsed from the URL-encoded JSON IAM returns. */
  readonly policies: readonly { readonly name: string; readonly document: unknown }[];
  /** Managed policies attached to the group (AttachedManagedPolicies). */
  readonly attachedPolicies?: readonly AttachedPolicy[];
}

export interface ObservedMaster {
  readonly accountId: string;
  /** Every IAM user name in the master account. */
  readonly users: ReadonlySet<string>;
  /** Groups under the managed path only. */
  readonly groups: readonly ObservedGroup[];
  /** Names of groups outside the managed path: never touched, but a name RoleModel cannot use. */
  readonly unmanagedGroupNames: ReadonlySet<string>;
  /** Each user's groups outside the managed path: they count towards the user's group quota. */
  readonly unmanagedGroupsOfUser?: ReadonlyMap<string, readonly string[]>;
  /** The quotas of the account; undefined when they were not asked. */
  readonly quotas?: QuotaRead<MasterQuotas>;
}
