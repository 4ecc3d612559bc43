// The access review of a plan: the privilege analysis of the template (and of the base
// branch's, when it could be read) put together with the plan's membership changes. Pure.
import type { GroupPlan } from '../plan/types.ts';
import { diffRolePolicies, diffTrust, escalationWarnings, privilegeChanges } from '../privilege/privilege.ts';
import type {
  EscalationWarning,
  MembershipGain,
  PrivilegeLevel,
  RolePrivilege,
  RolePrivilegeChange,
} from '../privilege/privilege.ts';
import type {
  AccessEndChange,
  AccessGrant,
  AccessReview,
  AccessWarning,
  PrivilegeInput,
  RoleAccess,
  RoleHolders,
  RoleStatus,
  UserAccessChange,
} from './types.ts';
import { byText } from '../collections.ts';
import type { GrantEnd } from '../model.ts';
import { accessAfter, accessDeltas, pairKey, pairsOfGroup } from './effective.ts';
import type { EndChange, Held } from './effective.ts';

/** Code-point order: stable whatever the locale. */
const byGrant = (a: AccessGrant, b: AccessGrant): number =>
  byText(a.account, b.account) || byText(a.role, b.role);

/** The role's level after the change, or before it for a role that goes. */
const levelOf = (privileges: PrivilegeInput, role: string): PrivilegeLevel | undefined =>
  (privileges.current.get(role) ?? privileges.base?.get(role))?.level;

const endFields = (until: GrantEnd | undefined): { until?: string; endsAt?: string } =>
  until === undefined ? {} : { until: until.written, endsAt: until.endsAt };

const grantOf = (held: Held, privileges: PrivilegeInput): AccessGrant => ({
  account: held.account,
  role: held.role,
  level: levelOf(privileges, held.role),
  ...endFields(held.until),
  ...(held.reason === undefined ? {} : { reason: held.reason }),
});

const endChangeOf = (change: EndChange, privileges: PrivilegeInput): AccessEndChange => ({
  ...grantOf(change.held, privileges),
  was: endFields(change.was.until),
});

/** Who gains or loses which `account.role`, per user: effective access before and after. */
export const userAccessChanges = (
  groups: readonly GroupPlan[],
  privileges: PrivilegeInput,
): UserAccessChange[] =>
  accessDeltas(groups).map(({ user, gained, lost, extended, shortened }) => ({
    user,
    gains: gained.map((held) => grantOf(held, privileges)).sort(byGrant),
    losses: lost
      .map(({ pair: { account, role }, removal }) => ({
        account,
        role,
        level: levelOf(privileges, role),
        origin: removal?.origin ?? 'git',
      }))
      .sort(byGrant),
    ...(extended.length > 0
      ? { extended: extended.map((c) => endChangeOf(c, privileges)).sort(byGrant) }
      : {}),
    ...(shortened.length > 0
      ? { shortened: shortened.map((c) => endChangeOf(c, privileges)).sort(byGrant) }
      : {}),
  }));

const sameTrust = (a: RolePrivilege, b: RolePrivilege): boolean =>
  JSON.stringify(a.trust) === JSON.stringify(b.trust);

const roleAccess = (change: RolePrivilegeChange, baseKnown: boolean): RoleAccess => {
  const { before, after } = change;
  const { added, removed } = baseKnown ? diffRolePolicies(before, after) : { added: [], removed: [] };
  const status: RoleStatus = !baseKnown
    ? 'unknown'
    : before === undefined
      ? 'added'
      : after === undefined
        ? 'removed'
        : added.length > 0 || removed.length > 0 || !sameTrust(before, after)
          ? 'changed'
          : 'unchanged';
  const shown = after ?? before;
  return {
    role: change.role,
    status,
    level: after?.level,
    atLeast: after?.atLeast,
    before: before?.level,
    reasons: shown?.reasons ?? [],
    requiresMfa: shown?.trust.requiresMfa ?? false,
    added,
    removed,
    // Without a base only a trust in anyone counts: every principal of a "new" role is new.
    trustWidened: diffTrust(before, after).reasons,
  };
};

/** Who holds a role after the change, per account in the plan's (the config's) order. */
const holdersOf = (groups: readonly GroupPlan[], role: string): RoleHolders[] => {
  const after = accessAfter(groups);
  const accounts = [...new Set(groups.flatMap((g) => pairsOfGroup(g).map((p) => p.account)))];
  return accounts.flatMap((account) => {
    const key = pairKey({ account, role });
    const users = [...after].filter(([, held]) => held.has(key)).map(([user]) => user);
    return users.length > 0 ? [{ account, users: users.sort(byText) }] : [];
  });
};

/**
 * Without the base template every role looks new, so "now grants admin" would be said of
 * every admin role on every plan: only the absolute checks stay (grants to users, trust in anyone).
 */
const meaningful = (warning: EscalationWarning, baseKnown: boolean): boolean =>
  baseKnown || warning.user !== undefined || warning.kind === 'trust-widened';

export const reviewAccess = (groups: readonly GroupPlan[], privileges: PrivilegeInput): AccessReview => {
  const baseKnown = privileges.base !== undefined;
  const changes = privilegeChanges(privileges.base, privileges.current);
  const users = userAccessChanges(groups, privileges);
  const endOf = (g: AccessGrant) => ({
    ...(g.until === undefined || g.endsAt === undefined ? {} : { end: { until: g.until, endsAt: g.endsAt } }),
    ...(g.reason === undefined ? {} : { reason: g.reason }),
  });
  // A grant kept for longer is a widening too: a reviewer must see an admin grant extended.
  const memberships: MembershipGain[] = users.flatMap((u) => [
    ...u.gains.map((g) => ({ account: g.account, role: g.role, user: u.user, ...endOf(g) })),
    ...(u.extended ?? []).map((g) => ({
      account: g.account,
      role: g.role,
      user: u.user,
      ...endOf(g),
      was:
        g.was.until === undefined || g.was.endsAt === undefined
          ? {}
          : { end: { until: g.was.until, endsAt: g.was.endsAt } },
    })),
  ]);
  const warnings: AccessWarning[] = escalationWarnings({ roles: changes, memberships })
    .filter((w) => meaningful(w, baseKnown))
    .map((w) => (w.user === undefined ? { ...w, holders: holdersOf(groups, w.role) } : w));
  return {
    baseTemplate: baseKnown ? 'compared' : privileges.baseUnreadable ? 'unreadable' : 'unavailable',
    roles: changes.map((c) => roleAccess(c, baseKnown)),
    users,
    warnings,
    escalations: warnings.length,
  };
};
