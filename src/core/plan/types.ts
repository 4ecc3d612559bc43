// The plan: everything merging would change, computed purely from desired and observed
// state. The comment, the job summary, the JSON output and apply all read this one value.
import type { Pair } from '../access/pair.ts';
import type { AccessReview } from '../access/types.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Position } from '../diagnostics.ts';
import type { GrantEnd, PolicyDocument } from '../model.ts';
import type { ResourceChange } from '../observed.ts';
import type { RemovalOrigin } from './removal-origin.ts';
import type { PrivilegeLevel } from '../privilege/types.ts';

export type StackAction = 'create' | 'update' | 'no-change' | 'recreate' | 'blocked' | 'error';

export interface StackPlan {
  readonly accountName: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly action: StackAction;
  /** The stack's status now, undefined when it does not exist. */
  readonly currentStatus: string | undefined;
  readonly changes: readonly ResourceChange[];
  /** Logical ids of roles that are replaced: their ARN changes, so do the group policies. */
  readonly replacedRoles: readonly string[];
  /** Why the stack is blocked, failed to plan, or must be recreated. */
  readonly reason: string | undefined;
  /**
   * True when "no change" was decided by comparing the deployed template text and parameters
   * with the desired ones, without a change set.
   */
  readonly comparedWithDeployed?: boolean;
}

export type { RemovalOrigin } from './removal-origin.ts';

export interface MemberRemoval {
  readonly userName: string;
  readonly origin: RemovalOrigin;
}

/** A managed policy attached to a managed group outside git: apply detaches it. */
export interface ManagedPolicyDetach {
  readonly arn: string;
  readonly name: string;
  /** What it grants in the master account to every member of the group. */
  readonly level: PrivilegeLevel;
  /** Why that level, in a few words. */
  readonly note: string;
}

export type GroupAction = 'create' | 'update' | 'delete' | 'no-change';

/**
 * How long a member holds a group after the change, for members whose grant ends (`until`)
 * and for those whose end the change alters.
 */
export interface MemberTerm {
  readonly userName: string;
  /** Absent: the grant does not end by itself. */
  readonly until?: GrantEnd;
  readonly reason?: string;
  /**
   * Set when the base branch's user map ended this member's grant otherwise (its `until`
   * absent: it had no end there); absent when the end is the same, or the base is not known.
   */
  readonly changedFrom?: { readonly until?: GrantEnd };
}

/** An entry of the user map whose grant has ended: it grants nothing and can be removed from the file. */
export interface ExpiredGrant {
  readonly userName: string;
  readonly until: GrantEnd;
  readonly reason?: string;
  readonly position: Position;
}

/** What a team's group grants: the `account.role` pairs of its policy. */
export interface TeamGrants {
  readonly name: string;
  /** Once the plan is applied (none for a team that goes). */
  readonly pairs: readonly Pair[];
  /** Now, as its policies in AWS allow them (none for a new team). */
  readonly pairsBefore: readonly Pair[];
  /**
   * Characters (whitespace not counted) its policy will have, told before apply with the longest
   * names CloudFormation may give the roles whose ARN is not known yet; undefined when the
   * policy is known (its own size then counts).
   */
  readonly estimatedPolicySize?: number;
}

export interface GroupPlan {
  readonly name: string;
  readonly path: string;
  /** Undefined for stale groups whose name does not parse as `<account>.<role>`. */
  readonly accountName: string | undefined;
  readonly roleLogicalId: string | undefined;
  readonly action: GroupAction;
  /** The role's ARN the policy will allow; undefined while it is known only after apply. */
  readonly roleArn: string | undefined;
  readonly policyName: string;
  /** Set when the inline policy is created or changed; undefined when unchanged. */
  readonly policy:
    | { readonly before: unknown; readonly after: PolicyDocument | undefined; readonly afterApply: boolean }
    | undefined;
  /** Inline policies not written by RoleModel, removed. */
  readonly extraPolicies: readonly string[];
  /** Managed policies attached outside git (RoleModel attaches none), detached. */
  readonly managedPolicies?: readonly ManagedPolicyDetach[];
  readonly membersToAdd: readonly string[];
  readonly membersToRemove: readonly MemberRemoval[];
  /** Members after the change (for list-like views). */
  readonly members: readonly string[];
  /** Members after the change whose grant ends, or whose end changes; none when absent. */
  readonly terms?: readonly MemberTerm[];
  /** Entries of the user map for this group whose grant has ended; none when absent. */
  readonly expired?: readonly ExpiredGrant[];
  /** Set for a team's group (`team-<name>`), which grants many pairs at once. */
  readonly team?: TeamGrants;
  /**
   * For an account's role group whose policies in AWS allow no role in the account the config
   * names (none: its members gain its pair). Absent: its own pair.
   */
  readonly pairsBefore?: readonly Pair[];
}

export interface PlanSummary {
  readonly accountsChanging: number;
  readonly stacksCreated: number;
  readonly stacksUpdated: number;
  readonly stacksRecreated: number;
  readonly stacksBlocked: number;
  readonly resourceChanges: number;
  readonly rolesReplaced: number;
  readonly groupsCreated: number;
  readonly groupsDeleted: number;
  readonly policiesChanged: number;
  readonly membersAdded: number;
  readonly membersRemoved: number;
  readonly driftRemovals: number;
  /** Removals of members whose grant has ended (`until`). */
  readonly expiredRemovals: number;
  /** Members who stay, whose grant's end the change alters. */
  readonly endsChanged: number;
  /** People whose effective access (the pairs they may assume, through any group) changes. */
  readonly usersWithAccessChanges?: number;
  readonly errors: number;
}

export interface Plan {
  /** The time the plan is for (ISO 8601): the run's "now", which decides which grants have ended. */
  readonly at?: string;
  readonly stackName: string;
  readonly masterAccountId: string;
  readonly stacks: readonly StackPlan[];
  readonly groups: readonly GroupPlan[];
  /** Problems found while planning, such as users that do not exist in IAM. */
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: PlanSummary;
  readonly hasChanges: boolean;
  /**
   * Privilege levels, access changes by person and escalation warnings; set when the
   * planner was given the templates' analysis (the plan command always gives it).
   */
  readonly access?: AccessReview;
}
