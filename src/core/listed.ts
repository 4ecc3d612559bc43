// What `list` reads of each account and shows of its roles; shared by the listing and the
// access matrix built from it.
import type { ObservedRole } from './observed.ts';
import type { PrivilegeLevel } from './privilege/privilege.ts';

export interface ListedAccountInput {
  readonly accountName: string;
  readonly accountId: string;
  /** Undefined when the stack does not exist. */
  readonly stackStatus: string | undefined;
  readonly roles: readonly ObservedRole[];
  /** Why the account could not be read. */
  readonly error: string | undefined;
}

/** A member's grant that ends, as the user map on the default branch says. */
export interface MembershipEnd {
  readonly userName: string;
  /** As the user map writes it. */
  readonly until: string;
  /** The first instant without access (ISO 8601, UTC). */
  readonly endsAt: string;
  readonly reason?: string;
  /** It has ended: the next `expire` (or apply) removes the member. */
  readonly ended: boolean;
}

/** A group's members, and the ends of those whose grant ends (from the files). */
export interface TimedMembers {
  readonly members: readonly string[];
  readonly ends?: readonly MembershipEnd[];
}

/** A team's members, with their ends. */
export interface ListedTeamMembers extends TimedMembers {
  readonly team: string;
}

export interface ListedRole extends ObservedRole {
  readonly group: string;
  /** The members of its own group, `<account>.<role>`. */
  readonly members: readonly string[];
  /** Members whose grant ends (from the user map); the others hold it with no end. */
  readonly ends?: readonly MembershipEnd[];
  /** Teams whose group's policy lets their members assume this role. */
  readonly teams: readonly ListedTeamMembers[];
  /** Everyone who can assume it: its group's members and every such team's, sorted. */
  readonly holders: readonly string[];
  readonly switchRoleUrl: string;
  /** From the template in git; undefined when the template does not have the role (or was not given). */
  readonly level: PrivilegeLevel | undefined;
  readonly requiresMfa: boolean;
}

export interface ListedAccount {
  readonly accountName: string;
  readonly accountId: string;
  readonly stackStatus: string | undefined;
  readonly error: string | undefined;
  readonly roles: readonly ListedRole[];
}
