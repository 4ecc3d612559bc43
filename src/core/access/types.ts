// What a change does to people's power: each role's privilege level before and after, who
// gains or loses which `account.role` (with its level), and the escalations a reviewer must
// not miss. Pure, JSON-serialisable data, part of the plan.
import type { RemovalOrigin } from '../plan/removal-origin.ts';
import type {
  EscalationWarning,
  NormalizedStatement,
  PrivilegeLevel,
  RolePrivilege,
} from '../privilege/privilege.ts';

/** How a role of the template compares with the base branch's version. */
export type RoleStatus =
  /** Not in the base template. */
  | 'added'
  /** In the base template only: its stacks' role and groups go. */
  | 'removed'
  /** Its policies or its trust policy differ. */
  | 'changed'
  | 'unchanged'
  /** The base template could not be read: nothing to compare with. */
  | 'unknown';

export interface RoleAccess {
  /** The role's logical id; the same template goes to every account. */
  readonly role: string;
  readonly status: RoleStatus;
  /** After the change; undefined when the role is removed. */
  readonly level: PrivilegeLevel | undefined;
  /** The level the evaluable statements prove (differs from `level` only for `custom`). */
  readonly atLeast: Exclude<PrivilegeLevel, 'custom'> | undefined;
  /** In the base template; undefined for a new role or when the base is unknown. */
  readonly before: PrivilegeLevel | undefined;
  /** Why the role has its level, the deciding statements first. */
  readonly reasons: readonly string[];
  /** Its trust policy requires MFA (after the change, else before). */
  readonly requiresMfa: boolean;
  /** Statements added and removed, compared with the base; empty when the base is unknown. */
  readonly added: readonly NormalizedStatement[];
  readonly removed: readonly NormalizedStatement[];
  /** Why its trust policy lets in more than before; empty when it does not. */
  readonly trustWidened: readonly string[];
}

/** One `account.role` a person gains or loses. */
export interface AccessGrant {
  readonly account: string;
  readonly role: string;
  /** Undefined when the role is in neither version of the template that could be read. */
  readonly level: PrivilegeLevel | undefined;
  /** For a grant that ends: `until` as the user map writes it; absent when it does not end. */
  readonly until?: string;
  /** The first instant without access (ISO 8601, UTC), with `until`. */
  readonly endsAt?: string;
  /** The grant's `reason`, when the user map gives one. */
  readonly reason?: string;
}

/** A grant kept, whose end the change moves. */
export interface AccessEndChange extends AccessGrant {
  /** The end before the change (the base branch's user map); `until` absent: it had none. */
  readonly was: { readonly until?: string; readonly endsAt?: string };
}

export interface AccessLoss extends AccessGrant {
  readonly origin: RemovalOrigin;
}

export interface UserAccessChange {
  readonly user: string;
  readonly gains: readonly AccessGrant[];
  readonly losses: readonly AccessLoss[];
  /** Grants kept for longer than before (a widening); absent when none. */
  readonly extended?: readonly AccessEndChange[];
  /** Grants kept, that end sooner than before; absent when none. */
  readonly shortened?: readonly AccessEndChange[];
}

/** Members of a role in one account after the change. */
export interface RoleHolders {
  readonly account: string;
  readonly users: readonly string[];
}

export interface AccessWarning extends EscalationWarning {
  /**
   * For a warning about a role (not a membership): who holds it after the change, per
   * account. A role's power changes for its existing members too.
   */
  readonly holders?: readonly RoleHolders[];
}

export interface AccessReview {
  /** Whether the base branch's template was read, so that roles could be compared. */
  /** `unreadable`: a pull request whose base template could not be read; `unavailable`: no base (not a pull request). */
  readonly baseTemplate: 'compared' | 'unavailable' | 'unreadable';
  /** Every role of either version of the template, in template order (removed ones last). */
  readonly roles: readonly RoleAccess[];
  /** Who gains or loses which role, users sorted. */
  readonly users: readonly UserAccessChange[];
  /** Most severe first. */
  readonly warnings: readonly AccessWarning[];
  /** `warnings.length`: the `escalations` output. */
  readonly escalations: number;
}

/** What the planner needs to review access: the templates' roles, analysed. */
export interface PrivilegeInput {
  /** The pull request's template. */
  readonly current: ReadonlyMap<string, RolePrivilege>;
  /** The base branch's; undefined when it could not be read (only absolute checks then). */
  readonly base: ReadonlyMap<string, RolePrivilege> | undefined;
  /** True when there was a base to compare with (a pull request) but it could not be read. */
  readonly baseUnreadable?: boolean;
}
