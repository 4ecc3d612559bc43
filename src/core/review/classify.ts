// What an apply would widen, and whether a reviewed plan showed it. Narrowing (a grant or a
// member removed, a level lowered, drift repaired) is always allowed and not listed here. A
// widening is reviewed when the reviewed result of a merged pull request already holds it:
// the person held that pair at that level or higher, or the role was exactly as reviewed.
import { accessAfter, accessBefore, pairKey } from '../access/effective.ts';
import type { Held, Pair } from '../access/effective.ts';
import { byText } from '../collections.ts';
import type { GrantEnd } from '../model.ts';
import { endsLater } from '../users/grant-end.ts';
import type { Plan } from '../plan/types.ts';
import { compareLevels, diffTrust, gainedPower } from '../privilege/privilege.ts';
import type { PrivilegeLevel, RolePrivilege } from '../privilege/privilege.ts';
import type { Fingerprint } from './fingerprint.ts';
import { roleDigest } from './fingerprint.ts';

/** Why a merged pull request's plan comment counts for nothing. */
export type ReviewProblem =
  /** No plan comment, or one without a reviewed result. */
  | 'missing'
  /** The comment's result is of another commit than the one merged. */
  | 'stale'
  /** The comment's result is not what the pull request's files give: edited, or forged. */
  | 'mismatch';

/** A merged pull request and the result its plan comment recorded, when it can be trusted. */
export interface ReviewedPlan {
  readonly pullRequest: number;
  readonly fingerprint: Fingerprint | undefined;
  /** Set when `fingerprint` is undefined: why. */
  readonly problem?: ReviewProblem;
  /** Kinds of escalation the config guards that were merged without the approval they need. */
  readonly unapproved?: ReadonlySet<string>;
}

export type WideningKind =
  /** A person gains an `account.role` they did not hold. */
  | 'grant'
  /** A person keeps an `account.role` longer than before: a later end, or none. */
  | 'extended'
  /** A person keeps an `account.role` whose role now grants more. */
  | 'level'
  /** A role's policies gain power, or its trust lets more in, for everyone who holds it. */
  | 'role';

export interface Widening {
  readonly kind: WideningKind;
  readonly account: string;
  readonly role: string;
  /** The person, for a grant or a level; undefined for a role's own change. */
  readonly user: string | undefined;
  /** The role's level once applied. */
  readonly level: PrivilegeLevel;
  /** Set when no reviewed plan showed it: why not. */
  readonly unreviewed: string | undefined;
}

export interface ClassifyInput {
  readonly plan: Plan;
  /** The roles of the template being applied, analysed. */
  readonly current: ReadonlyMap<string, RolePrivilege>;
  /** The roles as the default branch had them before this change; undefined when unknown. */
  readonly before: ReadonlyMap<string, RolePrivilege> | undefined;
  readonly reviewed: readonly ReviewedPlan[];
}

/** `reviewed` allows at least `now`: equal, lower, or admin (nothing grants more). */
const covers = (reviewed: PrivilegeLevel | undefined, now: PrivilegeLevel): boolean =>
  reviewed !== undefined && (reviewed === 'admin' || (compareLevels(now, reviewed) ?? 1) <= 0);

const levelOf = (roles: ReadonlyMap<string, RolePrivilege>, role: string): PrivilegeLevel =>
  roles.get(role)?.level ?? 'custom';

/** A role that lets its holders do more than before: a higher level, more power, a wider trust. */
const widens = (before: RolePrivilege, after: RolePrivilege): boolean =>
  (compareLevels(after.level, before.level) ?? 1) > 0 ||
  gainedPower(before, after).length > 0 ||
  diffTrust(before.trust, after.trust).widened;

const fingerprints = (reviewed: readonly ReviewedPlan[]): Fingerprint[] =>
  reviewed.flatMap((r) => (r.fingerprint ? [r.fingerprint] : []));

const prs = (reviewed: readonly ReviewedPlan[]): string =>
  reviewed.map((r) => `#${r.pullRequest}`).join(', ');

/** Why nothing reviewed covers a widening: said in words a person can act on. */
const whyNot = (reviewed: readonly ReviewedPlan[], detail: string): string => {
  if (reviewed.length === 0)
    return 'no pull request merged this commit (a direct push), so no plan was reviewed';
  if (fingerprints(reviewed).length === 0) {
    const problems = new Set(reviewed.map((r) => r.problem));
    if (problems.has('mismatch'))
      return `the plan comment of ${prs(reviewed)} does not match the pull request's files at the commit merged (edited by hand, or not written by RoleModel), so it counts for nothing`;
    if (problems.has('stale'))
      return `the plan comment of ${prs(reviewed)} is of an older commit than the one merged: the last push was not planned`;
    return `the plan comment of ${prs(reviewed)} is missing, or holds no reviewed result`;
  }
  const planned = fingerprints(reviewed).find((f) => f.base !== undefined);
  const when = planned?.base
    ? ` (planned against ${planned.base.slice(0, 7)}; the default branch has changed since)`
    : '';
  return `the plan of ${prs(reviewed)} did not show ${detail}${when}`;
};

/** The approval key a grant of this level needs, where the config guards it. */
const levelKey = (level: PrivilegeLevel): string | undefined =>
  level === 'admin' || level === 'iam-write' || level === 'custom' ? level : undefined;

/** Reviewed plans whose approvals cover `keys`: a plan merged without one counts for nothing there. */
const approvedFor = (
  reviewed: readonly ReviewedPlan[],
  keys: readonly (string | undefined)[],
): Fingerprint[] =>
  reviewed.flatMap((r) =>
    r.fingerprint !== undefined && !keys.some((k) => k !== undefined && r.unapproved?.has(k))
      ? [r.fingerprint]
      : [],
  );

/**
 * The reviewed plan let `user` hold the pair at least until `until` (undefined: without end):
 * a plan that showed a grant ending sooner did not show this one.
 */
const endCovered = (f: Fingerprint, user: string, pair: Pair, until: GrantEnd | undefined): boolean => {
  if (f.ends === undefined) return false;
  const reviewed = f.ends[user]?.[pairKey(pair)];
  if (reviewed === undefined) return true;
  return until !== undefined && Date.parse(until.endsAt) <= Date.parse(reviewed);
};

const grantReviewed = (fs: readonly Fingerprint[], user: string, held: Held, now: PrivilegeLevel): boolean =>
  fs.some(
    (f) =>
      (f.access[user] ?? []).includes(pairKey(held)) &&
      covers(f.roles[held.role]?.level, now) &&
      endCovered(f, user, held, held.until),
  );

/** Said when the only plans that showed a widening were merged without the approval it needs. */
const unapprovedText = (reviewed: readonly ReviewedPlan[], keys: readonly (string | undefined)[]): string => {
  const plans = reviewed.filter((r) => keys.some((k) => k !== undefined && r.unapproved?.has(k)));
  const needed = [
    ...new Set(keys.filter((k): k is string => k !== undefined && plans.some((r) => r.unapproved?.has(k)))),
  ];
  return `${plans.map((r) => `#${r.pullRequest}`).join(', ')} showed it, but was merged without the approval its ${needed.join(', ')} escalation needs`;
};

/** Why a widening is not covered, or undefined when an approved reviewed plan covers it. */
const coverage = (
  reviewed: readonly ReviewedPlan[],
  keys: readonly (string | undefined)[],
  shows: (fs: readonly Fingerprint[]) => boolean,
  detail: string,
): string | undefined => {
  if (shows(approvedFor(reviewed, keys))) return undefined;
  return shows(fingerprints(reviewed)) ? unapprovedText(reviewed, keys) : whyNot(reviewed, detail);
};

/** Accounts whose stack this apply changes: only there can a role's policies change. */
const changingAccounts = (plan: Plan): ReadonlySet<string> =>
  new Set(
    plan.stacks
      .filter((s) => s.action === 'create' || s.action === 'update' || s.action === 'recreate')
      .map((s) => s.accountName),
  );

/**
 * The level a held pair had before this apply: its role as deployed. A stack left as it is
 * keeps the role as it is now; a changing one had the role of the previous template, or an
 * unknown one (then any level now counts as a rise).
 */
const levelBefore = (
  input: ClassifyInput,
  changing: ReadonlySet<string>,
  pair: Pair,
): PrivilegeLevel | undefined =>
  !changing.has(pair.account) ? levelOf(input.current, pair.role) : input.before?.get(pair.role)?.level;

/** How a held pair widens, if it does: newly held, at a higher level, or for longer. */
const wideningKind = (
  input: ClassifyInput,
  changing: ReadonlySet<string>,
  held: Held,
  had: Held | undefined,
  now: PrivilegeLevel,
): WideningKind | undefined => {
  if (had === undefined) return 'grant';
  const was = levelBefore(input, changing, held);
  if (was === undefined || (compareLevels(now, was) ?? 1) > 0) return 'level';
  return endsLater(held.until, had.until) ? 'extended' : undefined;
};

/** The end a reviewer would have had to see: said when there is one, or when the change removed it. */
const untilText = (held: Held, kind: WideningKind): string =>
  held.until !== undefined ? ` until ${held.until.written}` : kind === 'extended' ? ' without end' : '';

const peopleWidenings = (input: ClassifyInput, changing: ReadonlySet<string>): Widening[] => {
  const before = accessBefore(input.plan.groups);
  const out: Widening[] = [];
  for (const [user, access] of accessAfter(input.plan.groups)) {
    for (const held of access.values()) {
      const pair = { account: held.account, role: held.role };
      const now = levelOf(input.current, pair.role);
      const kind = wideningKind(input, changing, held, before.get(user)?.get(pairKey(pair)), now);
      if (kind === undefined) continue;
      const unreviewed = coverage(
        input.reviewed,
        [levelKey(now)],
        (fs) => grantReviewed(fs, user, held, now),
        `${user} holding ${pairKey(pair)} at ${now}${untilText(held, kind)}`,
      );
      out.push({ kind, ...pair, user, level: now, unreviewed });
    }
  }
  return out;
};

/** Roles whose new policies or trust widen what their holders may do, in accounts whose stack changes. */
const roleWidenings = (input: ClassifyInput, changing: ReadonlySet<string>): Widening[] => {
  const accounts = [...changing].sort(byText);
  return [...input.current].flatMap(([role, privilege]) => {
    const was = input.before?.get(role);
    // A new role: its holders' grants are judged one by one above.
    if (input.before !== undefined && was === undefined) return [];
    if (was !== undefined && !widens(was, privilege)) return [];
    const digest = roleDigest(privilege);
    const unreviewed = coverage(
      input.reviewed,
      [levelKey(privilege.level), 'trust-widened', 'policy-gained-power'],
      (fs) => fs.some((f) => f.roles[role]?.digest === digest),
      `${role} with the policies and trust it has now`,
    );
    return accounts.map((account) => ({
      kind: 'role' as const,
      account,
      role,
      user: undefined,
      level: privilege.level,
      unreviewed,
    }));
  });
};

/** Every widening this apply would make, each marked reviewed or not. */
export const classifyWidenings = (input: ClassifyInput): Widening[] => {
  const changing = changingAccounts(input.plan);
  return [...peopleWidenings(input, changing), ...roleWidenings(input, changing)];
};

export const unreviewedOf = (widenings: readonly Widening[]): Widening[] =>
  widenings.filter((w) => w.unreviewed !== undefined);
