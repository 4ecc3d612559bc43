// The reviewed result of a plan: the access it leaves each person with, and what each role
// may do. Recorded, hidden and compact, in every plan comment (and the `plan-digest`
// output), so that apply can prove it grants nothing beyond what a reviewer saw.
import { createHash } from 'node:crypto';
import { accessAfter } from '../access/effective.ts';
import type { PrivilegeInput } from '../access/types.ts';
import { byText } from '../collections.ts';
import type { GroupPlan } from '../plan/types.ts';
import type { EscalationKind, PrivilegeLevel, RolePrivilege } from '../privilege/privilege.ts';

/** What one role is, as reviewed: its level, and a digest of its policies and trust. */
export interface ReviewedRole {
  readonly level: PrivilegeLevel;
  /** 16 hex characters of the SHA-256 of its statements and trust, as the analysis reads them. */
  readonly digest: string;
}

/** One escalation the plan warned about, without its wording: enough to ask for approvals later. */
export interface ReviewedEscalation {
  readonly kind: EscalationKind;
  readonly role: string;
  readonly account?: string;
  readonly user?: string;
}

export interface Fingerprint {
  readonly version: 1;
  /** The commit planned, and the base it was planned against (a pull request's). */
  readonly head: string | undefined;
  readonly base: string | undefined;
  /** Role logical id -> what it is in the planned template. */
  readonly roles: Readonly<Record<string, ReviewedRole>>;
  /** User -> the `account.role` pairs they hold once the plan is applied, sorted. */
  readonly access: Readonly<Record<string, readonly string[]>>;
  /**
   * User -> pair -> when that grant ends (`endsAt`); a pair held without end is absent. Not
   * carried by the comment: apply reads it again from the pull request's files at the commit
   * reviewed, which the comment's result was checked against. Undefined: the ends are unknown,
   * so no time-boxed grant counts as reviewed.
   */
  readonly ends?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly escalations: readonly ReviewedEscalation[];
}

/** A stable digest of what a role may do and who may assume it. */
export const roleDigest = (privilege: RolePrivilege): string =>
  createHash('sha256')
    .update(JSON.stringify({ statements: privilege.statements, trust: privilege.trust }))
    .digest('hex')
    .slice(0, 16);

export interface FingerprintInput {
  readonly head: string | undefined;
  readonly base: string | undefined;
  readonly groups: readonly GroupPlan[];
  readonly privileges: PrivilegeInput;
  readonly escalations: readonly ReviewedEscalation[];
}

/** Two fingerprints give the same access and the same roles (commits and warnings aside). */
export const sameResult = (a: Fingerprint, b: Fingerprint): boolean =>
  JSON.stringify([a.access, a.roles]) === JSON.stringify([b.access, b.roles]);

/** Both lists' escalations, each once (the first list's order, then the second's new ones). */
export const unionOfEscalations = (
  a: readonly ReviewedEscalation[],
  b: readonly ReviewedEscalation[],
): ReviewedEscalation[] => {
  const key = (e: ReviewedEscalation) => JSON.stringify([e.kind, e.role, e.account ?? '', e.user ?? '']);
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((e) => !seen.has(key(e)))];
};

export const fingerprintOf = (input: FingerprintInput): Fingerprint => {
  const roles: Record<string, ReviewedRole> = {};
  for (const [role, privilege] of [...input.privileges.current].sort(([a], [b]) => byText(a, b)))
    roles[role] = { level: privilege.level, digest: roleDigest(privilege) };
  const access: Record<string, readonly string[]> = {};
  const ends: Record<string, Record<string, string>> = {};
  for (const [user, held] of accessAfter(input.groups)) {
    access[user] = [...held.keys()];
    const timed = [...held].flatMap(([key, h]) => (h.until === undefined ? [] : [[key, h.until.endsAt]]));
    if (timed.length > 0) ends[user] = Object.fromEntries(timed);
  }
  return {
    version: 1,
    head: input.head,
    base: input.base,
    roles,
    access,
    ends,
    escalations: input.escalations.map(({ kind, role, account, user }) => ({
      kind,
      role,
      ...(account === undefined ? {} : { account }),
      ...(user === undefined ? {} : { user }),
    })),
  };
};
