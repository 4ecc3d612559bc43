// The desired state: what the files in git say should exist. Built by pure functions
// from the parsed config, template and user map; compared with observed AWS state by
// the planner.
import type { ApprovalRules } from './approvals/types.ts';
import type { Position } from './diagnostics.ts';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

/** Where IAM groups managed by RoleModel live; nothing outside this path is touched. */
export const MANAGED_GROUP_PATH = '/RoleModel/';

/** How the deployer role in an assumable account is reached. */
export type AssumeMode = 'chain' | 'web-identity';

export interface AccountConfig {
  readonly name: string;
  readonly accountId: string;
  /** ARN of the deployer role in this account. */
  readonly deployerRoleArn: string;
  readonly assume: AssumeMode;
  readonly position: Position;
}

export interface RoleModelConfig {
  readonly file: string;
  readonly templateFile: string;
  readonly usersFile: string | undefined;
  /** The teams file (`teams`); undefined when the config names none. */
  readonly teamsFile: string | undefined;
  readonly stackName: string;
  readonly masterAccountId: string;
  /** ARN of the deployer role in the master account (assumed with the OIDC token). */
  readonly masterRoleArn: string;
  readonly region: string | undefined;
  readonly partition: Partition;
  readonly accounts: readonly AccountConfig[];
  /** Values for template parameters other than AssumingAccountID. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Transforms the template may run (`allow_transforms`); any other is an error. */
  readonly allowTransforms: readonly string[];
  /** Who must approve which kind of escalation (`approvals:`); empty when the config has none. */
  readonly approvals: ApprovalRules;
  /** What time-boxed grants must respect (`max_grant_days`, `require_reason`). */
  readonly grants: GrantPolicy;
}

export interface GrantPolicy {
  /** A grant a change adds may end at most this many days after the change is planned. */
  readonly maxGrantDays: number | undefined;
  /** Every time-boxed grant needs a `reason`. */
  readonly requireReason: boolean;
}

export interface TemplateParameter {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly position: Position;
}

export interface TemplateRole {
  readonly logicalId: string;
  /** Literal RoleName, when the template gives one as a plain string. */
  readonly roleName: string | undefined;
  /** Literal Path, `/` when absent. */
  readonly path: string;
  readonly position: Position;
  /** Where its `AssumeRolePolicyDocument` is written; undefined when it has none. */
  readonly trustPosition?: Position;
}

export interface RoleTemplate {
  readonly file: string;
  /** The file's text, sent to CloudFormation as it is. */
  readonly body: string;
  readonly format: 'json' | 'yaml';
  readonly roles: readonly TemplateRole[];
  readonly parameters: readonly TemplateParameter[];
  /** The template as plain JSON data, short-form tags turned into their `Fn::` forms. */
  readonly document: Readonly<Record<string, unknown>>;
  /** Names of the transforms it runs (top-level `Transform` and `Fn::Transform`); none when absent. */
  readonly transforms?: readonly string[];
}

/** When a time-boxed grant ends: `until:` as written, and the first instant without access. */
export interface GrantEnd {
  /** `2026-12-31` or `2026-12-03T18:00:00Z`, as the file writes it. */
  readonly written: string;
  /** ISO 8601, UTC: a date's grant lasts through that day, so this is the next midnight. */
  readonly endsAt: string;
}

/** One person listed for a grant: a name, or `{ user, until, reason }` for a grant that ends. */
export interface UserEntry {
  readonly userName: string;
  readonly position: Position;
  /** Absent: the grant does not end by itself. */
  readonly until?: GrantEnd;
  /** Why the grant was given (`reason:`), for time-boxed grants. */
  readonly reason?: string;
}

/** account name -> role logical id -> users */
export type UserMap = ReadonlyMap<string, ReadonlyMap<string, readonly UserEntry[]>>;

/** `'*'` in a team's grants: every account of the config, including accounts added later. */
export const EVERY_ACCOUNT = '*';

/** A role named in a team's grants, where it is written. */
export interface TeamRoleRef {
  readonly role: string;
  readonly position: Position;
}

/** One line of a team's `grants`: an account (or `'*'`) and the roles it grants there. */
export interface TeamGrantLine {
  readonly account: string;
  readonly roles: readonly TeamRoleRef[];
  readonly position: Position;
}

/** A team of teams.yml: its members may assume every role it grants, through one group. */
export interface Team {
  readonly name: string;
  /** Where the team's name is written. */
  readonly position: Position;
  readonly members: readonly UserEntry[];
  readonly grants: readonly TeamGrantLine[];
}

export type Teams = readonly Team[];

export interface StackParameter {
  readonly key: string;
  readonly value: string;
}

/** A role's trust policy as CloudFormation will send it to IAM in one account. */
export interface TrustPolicySize {
  readonly role: string;
  /** Characters without whitespace, as IAM counts them; undefined when a value is known only at deploy. */
  readonly characters: number | undefined;
  readonly position: Position;
}

export interface DesiredStack {
  readonly accountName: string;
  readonly accountId: string;
  /** Where the account is written in the config. */
  readonly accountPosition?: Position;
  /** Each role's trust policy, resolved for this account. */
  readonly trustPolicies?: readonly TrustPolicySize[];
  readonly stackName: string;
  readonly templateBody: string;
  readonly parameters: readonly StackParameter[];
  /**
   * Transforms the template runs, all allowed by the config; none when absent. A change set
   * for such a template carries CAPABILITY_AUTO_EXPAND, which its execution needs when the
   * expanded template holds nested stacks.
   */
  readonly transforms?: readonly string[];
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly Readonly<Record<string, unknown>>[];
}

export interface DesiredGroup {
  /** `<account name>.<role logical id>` */
  readonly name: string;
  readonly path: string;
  readonly accountName: string;
  readonly accountId: string;
  readonly roleLogicalId: string;
  /** Known from the template when RoleName is literal; otherwise read from the stack. */
  readonly roleArn: string | undefined;
  readonly policyName: string;
  /** The people the group grants, at the desired state's time: ended grants are not here. */
  readonly members: readonly UserEntry[];
  /** Entries of the user map whose grant had ended at that time: they grant nothing. */
  readonly expired: readonly UserEntry[];
}

/** One `account.role` a team grants, with the role's ARN when the template makes it literal. */
export interface DesiredTeamPair {
  readonly account: string;
  readonly accountId: string;
  readonly role: string;
  /** Known from the template when RoleName is literal; otherwise read from the stack. */
  readonly roleArn: string | undefined;
  /** The role's path (`/` unless the template sets one). */
  readonly rolePath: string;
  /** Where the grant is written in the teams file (the role under its account or `'*'`). */
  readonly position: Position;
}

/** The group of one team: `team-<name>` under the managed path, one policy for all its pairs. */
export interface DesiredTeamGroup {
  readonly team: string;
  readonly name: string;
  readonly path: string;
  readonly policyName: string;
  /** Where the team is written in the teams file. */
  readonly position: Position;
  /** Every `account.role` it grants, `'*'` expanded, in config then template order. */
  readonly pairs: readonly DesiredTeamPair[];
  /** Its members at the desired state's time: ended memberships are not here. */
  readonly members: readonly UserEntry[];
  /** Members whose membership had ended at that time: they grant nothing. */
  readonly expired: readonly UserEntry[];
}

export interface DesiredState {
  /** The time the state is for (ISO 8601): the run's "now", which decides which grants have ended. */
  readonly at: string;
  readonly masterAccountId: string;
  readonly partition: Partition;
  readonly stacks: readonly DesiredStack[];
  readonly groups: readonly DesiredGroup[];
  /** One group per team; empty without a teams file. */
  readonly teams: readonly DesiredTeamGroup[];
}
