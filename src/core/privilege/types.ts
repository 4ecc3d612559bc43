// What a role may do, as read from the template: its privilege level, the statements that
// justify it, and who may assume it. Pure data, rendered by the plan comment and outputs.

/** From least to most powerful, but for `custom`: a policy whose contents are not known. */
export type PrivilegeLevel = 'read-only' | 'write' | 'iam-write' | 'admin' | 'custom';

export type StatementSourceKind =
  /** An entry of the role's `Policies`. */
  | 'inline'
  /** An `AWS::IAM::Policy` (or `AWS::IAM::RolePolicy`) resource of the template. */
  | 'policy'
  /** An `AWS::IAM::ManagedPolicy` resource of the template. */
  | 'managed-policy'
  /** An AWS managed policy, known by name. */
  | 'aws-managed'
  /** A managed policy ARN that is not in the template and not a known AWS managed policy. */
  | 'external-managed';

export interface StatementSource {
  readonly kind: StatementSourceKind;
  /** Policy name, logical id, AWS managed policy name (with its path) or ARN text. */
  readonly name: string;
}

export type Effect = 'Allow' | 'Deny';

/** A policy statement in one canonical shape: lists sorted, intrinsics rendered as text. */
export interface NormalizedStatement {
  readonly source: StatementSource;
  readonly sid: string | undefined;
  readonly effect: Effect;
  /** Exactly one of `action` and `notAction` is set (except for opaque statements). */
  readonly action: readonly string[] | undefined;
  readonly notAction: readonly string[] | undefined;
  /** At most one of `resource` and `notResource` is set. */
  readonly resource: readonly string[] | undefined;
  readonly notResource: readonly string[] | undefined;
  /** One `Operator key value[, value]` line per condition key, sorted. */
  readonly conditions: readonly string[];
  /**
   * Set when the statement stands for something not evaluated action by action: an AWS
   * managed policy known by name, or a policy that cannot be read before deploy.
   */
  readonly opaque: { readonly level: PrivilegeLevel; readonly note: string } | undefined;
}

/** One principal allowed to assume the role by one trust statement, with that statement's conditions. */
export interface TrustGrant {
  readonly principal: string;
  readonly conditions: readonly string[];
  readonly requiresMfa: boolean;
}

export interface TrustSummary {
  /** AWS, Federated, Service (and CanonicalUser) principals; `*` for anyone. Sorted, unique. */
  readonly principals: readonly string[];
  /** Every statement that allows assuming the role requires MFA. */
  readonly requiresMfa: boolean;
  /** All conditions of the Allow statements, sorted, unique. */
  readonly conditions: readonly string[];
  readonly grants: readonly TrustGrant[];
  /** Deny statements of the trust policy, as text. */
  readonly denies: readonly string[];
}

export interface RolePrivilege {
  readonly level: PrivilegeLevel;
  /** The level the evaluable statements alone prove; equals `level` unless that is `custom`. */
  readonly atLeast: Exclude<PrivilegeLevel, 'custom'>;
  /** Short human text, the statements that decide the level first. */
  readonly reasons: readonly string[];
  readonly statements: readonly NormalizedStatement[];
  readonly trust: TrustSummary;
}

export interface StatementDiff {
  readonly added: readonly NormalizedStatement[];
  readonly removed: readonly NormalizedStatement[];
}

export interface TrustDiff {
  readonly widened: boolean;
  readonly reasons: readonly string[];
}

/** A role's privileges before and after the change; `account` unset when the same in every account. */
export interface RolePrivilegeChange {
  readonly account?: string;
  readonly role: string;
  /** From the base template; undefined for a new role or when the base is not available. */
  readonly before: RolePrivilege | undefined;
  /** Undefined when the role is removed. */
  readonly after: RolePrivilege | undefined;
}

/** When a grant ends, as the user map writes it, and its first instant without access. */
export interface GrantEndText {
  readonly until: string;
  readonly endsAt: string;
}

/** A user who gains `<account>.<role>`, or keeps it longer than before (`was` set). */
export interface MembershipGain {
  readonly account: string;
  readonly role: string;
  readonly user: string;
  /** The grant ends; absent: it does not. */
  readonly end?: GrantEndText;
  /** Why the grant is given (`reason` in the user map). */
  readonly reason?: string;
  /** Set when the user held it before, with this end (absent `end` inside: none): the grant is extended. */
  readonly was?: { readonly end?: GrantEndText };
}

export interface EscalationInput {
  readonly roles: readonly RolePrivilegeChange[];
  readonly memberships: readonly MembershipGain[];
}

export type EscalationKind =
  'grant-admin' | 'grant-iam-write' | 'trust-widened' | 'policy-gained-power' | 'custom-granted';

export interface EscalationWarning {
  readonly kind: EscalationKind;
  readonly account?: string;
  readonly role: string;
  readonly user?: string;
  readonly message: string;
  /** A membership warning for a grant that ends: `until` as written, and the first instant without access. */
  readonly until?: string;
  readonly endsAt?: string;
  /** The grant's `reason`, when the user map gives one. */
  readonly reason?: string;
  /** A membership kept longer than before: the end it had (`until` absent: none). */
  readonly extendedFrom?: { readonly until?: string; readonly endsAt?: string };
}
