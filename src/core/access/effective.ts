// Effective access: the (account, role) pairs each person can assume, through whichever
// groups grant them. Everything that reasons about people (the access review, escalation
// warnings, the reviewed fingerprint) goes through here, so that a new way to grant (a
// group that grants many pairs, a grant that ends) changes one function, not every reader.
import { byText } from '../collections.ts';
import type { GrantEnd } from '../model.ts';
import type { GroupPlan, MemberRemoval, MemberTerm } from '../plan/types.ts';
import { endsLater, sameEnd } from '../users/grant-end.ts';
import { pairKey } from './pair.ts';
import type { Pair } from './pair.ts';

export type { Pair } from './pair.ts';
export { pairKey } from './pair.ts';

/** Its own `<account>.<role>`, for a pair group. */
const ownPair = (group: GroupPlan): Pair[] =>
  group.accountName !== undefined && group.roleLogicalId !== undefined
    ? [{ account: group.accountName, role: group.roleLogicalId }]
    : [];

/**
 * The pairs a managed group lets its members assume once the plan is applied: a pair group its
 * own `<account>.<role>`, a team's group every pair the team grants.
 */
export const pairsOfGroup = (group: GroupPlan): readonly Pair[] =>
  group.team !== undefined ? group.team.pairs : ownPair(group);

/** The pairs it lets its members assume now, as AWS has its policies. */
export const pairsBeforeOf = (group: GroupPlan): readonly Pair[] =>
  group.team !== undefined ? group.team.pairsBefore : (group.pairsBefore ?? ownPair(group));

/** Each group's members once the plan is applied; a deleted group has none. */
const membersAfter = (group: GroupPlan): readonly string[] =>
  group.action === 'delete' ? [] : group.members;

/** Each group's members now: those after, less the ones added, plus the ones removed. */
const membersBefore = (group: GroupPlan): string[] => {
  const added = new Set(group.membersToAdd);
  const removed = group.membersToRemove.map((m) => m.userName);
  const kept = group.action === 'delete' ? group.members : group.members.filter((u) => !added.has(u));
  return [...new Set([...kept, ...removed])];
};

/** A pair a person holds, and until when: the latest end of the grants that give it (none: no end). */
export interface Held extends Pair {
  readonly until?: GrantEnd;
  readonly reason?: string;
}

/** user -> pair key -> the pair held; people sorted, pairs sorted. */
export type EffectiveAccess = ReadonlyMap<string, ReadonlyMap<string, Held>>;

/** A member's grant of a group: its end (after the change, or as it was before it). */
type EndOf = (group: GroupPlan, user: string) => { until?: GrantEnd; reason?: string };

const termOf = (group: GroupPlan, user: string): MemberTerm | undefined =>
  group.terms?.find((t) => t.userName === user);

const endAfter: EndOf = (group, user) => {
  const term = termOf(group, user);
  return {
    ...(term?.until === undefined ? {} : { until: term.until }),
    ...(term?.reason === undefined ? {} : { reason: term.reason }),
  };
};

/** The end the base branch gave, where the change alters it; else the same as after. */
const endBefore: EndOf = (group, user) => {
  const term = termOf(group, user);
  if (term?.changedFrom === undefined) return endAfter(group, user);
  return term.changedFrom.until === undefined ? {} : { until: term.changedFrom.until };
};

/** Two grants of the same pair: the one that ends later holds (no end is latest). */
const longer = (a: Held, b: Held): Held => (endsLater(b.until, a.until) ? b : a);

const accessOf = (
  groups: readonly GroupPlan[],
  members: (g: GroupPlan) => readonly string[],
  endOf: EndOf,
  pairsOf: (g: GroupPlan) => readonly Pair[],
): EffectiveAccess => {
  const byUser = new Map<string, Map<string, Held>>();
  for (const group of groups) {
    const pairs = pairsOf(group);
    if (pairs.length === 0) continue;
    for (const user of members(group)) {
      const held = byUser.get(user) ?? new Map<string, Held>();
      const end = endOf(group, user);
      for (const pair of pairs) {
        const grant: Held = { ...pair, ...end };
        const other = held.get(pairKey(pair));
        held.set(pairKey(pair), other === undefined ? grant : longer(other, grant));
      }
      byUser.set(user, held);
    }
  }
  return new Map(
    [...byUser.keys()].sort(byText).map((user) => {
      const held = byUser.get(user) ?? new Map<string, Held>();
      return [user, new Map([...held.keys()].sort(byText).map((k) => [k, held.get(k) as Held]))];
    }),
  );
};

/** Who can assume what once the plan is applied, and until when. */
export const accessAfter = (groups: readonly GroupPlan[]): EffectiveAccess =>
  accessOf(groups, membersAfter, endAfter, pairsOfGroup);

/** Who can assume what now, as the plan found AWS (with the ends the base branch gave). */
export const accessBefore = (groups: readonly GroupPlan[]): EffectiveAccess =>
  accessOf(groups, membersBefore, endBefore, pairsBeforeOf);

/** A pair held before and after the change, whose end the change moves. */
export interface EndChange {
  readonly held: Held;
  /** The end before the change; absent: it had none. */
  readonly was: { readonly until?: GrantEnd };
}

export interface AccessDelta {
  readonly user: string;
  /** Pairs gained, each with its end when the grant ends. */
  readonly gained: readonly Held[];
  /** Each lost pair with the removal that takes it (where it was a group's membership). */
  readonly lost: readonly { readonly pair: Pair; readonly removal: MemberRemoval | undefined }[];
  /** Pairs kept longer than before (a later end, or none): a widening. */
  readonly extended: readonly EndChange[];
  /** Pairs kept, but ending sooner than before. */
  readonly shortened: readonly EndChange[];
}

/**
 * A removal of `user` from a group that granted `pair`: says where the loss comes from. None
 * when the loss comes from a team that no longer grants the pair (a change in git).
 */
const removalOf = (groups: readonly GroupPlan[], user: string, pair: Pair): MemberRemoval | undefined => {
  for (const group of groups) {
    if (!pairsBeforeOf(group).some((p) => pairKey(p) === pairKey(pair))) continue;
    const removal = group.membersToRemove.find((m) => m.userName === user);
    if (removal) return removal;
    if (group.action === 'delete' && group.members.includes(user)) return { userName: user, origin: 'git' };
  }
  return undefined;
};

/**
 * What each person gains and loses: effective access after less before, and the reverse. A
 * pair still granted by another group is neither gained nor lost.
 */
export const accessDeltas = (groups: readonly GroupPlan[]): AccessDelta[] => {
  const before = accessBefore(groups);
  const after = accessAfter(groups);
  const users = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  return users.flatMap((user) => {
    const had = before.get(user) ?? new Map<string, Held>();
    const has = after.get(user) ?? new Map<string, Held>();
    const gained = [...has].filter(([k]) => !had.has(k)).map(([, p]) => p);
    const lost = [...had]
      .filter(([k]) => !has.has(k))
      .map(([, held]) => {
        const pair = { account: held.account, role: held.role };
        return { pair, removal: removalOf(groups, user, pair) };
      });
    const moved = [...has].flatMap(([k, now]): EndChange[] => {
      const then = had.get(k);
      return then === undefined || sameEnd(then.until, now.until)
        ? []
        : [{ held: now, was: then.until === undefined ? {} : { until: then.until } }];
    });
    const extended = moved.filter((m) => endsLater(m.held.until, m.was.until));
    const shortened = moved.filter((m) => !endsLater(m.held.until, m.was.until));
    return gained.length + lost.length + moved.length === 0
      ? []
      : [{ user, gained, lost, extended, shortened }];
  });
};
