// Effective access: the (account, role) pairs each person can assume, through whichever
// groups grant them. Everything that reasons about people (the access review, escalation
// warnings, the reviewed fingerprint) goes through here, so that a new way to grant (a
// group that grants many pairs, a grant that ends) changes one function, not every reader.
import { byText } from '../collections.ts';
import type { GroupPlan, MemberRemoval } from '../plan/types.ts';
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
  group.team !== undefined ? group.team.pairsBefore : ownPair(group);

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

/** user -> pair key -> the pair; people sorted, pairs sorted. */
export type EffectiveAccess = ReadonlyMap<string, ReadonlyMap<string, Pair>>;

const accessOf = (
  groups: readonly GroupPlan[],
  members: (g: GroupPlan) => readonly string[],
  pairsOf: (g: GroupPlan) => readonly Pair[],
): EffectiveAccess => {
  const byUser = new Map<string, Map<string, Pair>>();
  for (const group of groups) {
    const pairs = pairsOf(group);
    if (pairs.length === 0) continue;
    for (const user of members(group)) {
      const held = byUser.get(user) ?? new Map<string, Pair>();
      for (const pair of pairs) held.set(pairKey(pair), pair);
      byUser.set(user, held);
    }
  }
  return new Map(
    [...byUser.keys()].sort(byText).map((user) => {
      const held = byUser.get(user) ?? new Map<string, Pair>();
      return [user, new Map([...held.keys()].sort(byText).map((k) => [k, held.get(k) as Pair]))];
    }),
  );
};

/** Who can assume what once the plan is applied. */
export const accessAfter = (groups: readonly GroupPlan[]): EffectiveAccess =>
  accessOf(groups, membersAfter, pairsOfGroup);

/** Who can assume what now, as the plan found AWS. */
export const accessBefore = (groups: readonly GroupPlan[]): EffectiveAccess =>
  accessOf(groups, membersBefore, pairsBeforeOf);

export interface AccessDelta {
  readonly user: string;
  readonly gained: readonly Pair[];
  /** Each lost pair with the removal that takes it (where it was a group's membership). */
  readonly lost: readonly { readonly pair: Pair; readonly removal: MemberRemoval | undefined }[];
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
    const had = before.get(user) ?? new Map<string, Pair>();
    const has = after.get(user) ?? new Map<string, Pair>();
    const gained = [...has].filter(([k]) => !had.has(k)).map(([, p]) => p);
    const lost = [...had]
      .filter(([k]) => !has.has(k))
      .map(([, pair]) => ({ pair, removal: removalOf(groups, user, pair) }));
    return gained.length + lost.length === 0 ? [] : [{ user, gained, lost }];
  });
};
