// Who gains or loses which role: effective access before and after the plan (through pair
// groups and teams alike), read per user, because that is how a reviewer thinks about access.
// A person moved from pair groups to a team that grants the same gains and loses nothing.
import { accessDeltas, pairKey, pairsBeforeOf, pairsOfGroup } from '../access/effective.ts';
import type { EndChange, Held } from '../access/effective.ts';
import type { AccessReview } from '../access/types.ts';
import type { GrantEnd } from '../model.ts';
import type { GroupPlan, MemberTerm, RemovalOrigin } from '../plan/types.ts';
import { describeEnd } from '../users/grant-end.ts';
import type { PrivilegeLevel } from '../privilege/privilege.ts';
import { cellCode, escapeMarkdown } from './escape.ts';
import { levelSuffix, roleLevel } from './levels.ts';
import { append, byText } from '../collections.ts';
import { plural, runsOf, tableRow, tableSections } from './markdown.ts';
import { groupRemovals } from '../plan/removals.ts';
import { removalCell } from './removal.ts';

export interface AccessLoss {
  readonly group: string;
  readonly origin: RemovalOrigin;
}

/** A group a user gains, or keeps with another end; `term` when the grant ends or its end moves. */
export interface AccessGain {
  readonly group: string;
  readonly term: MemberTerm | undefined;
}

export interface UserAccess {
  readonly userName: string;
  readonly gains: readonly AccessGain[];
  readonly losses: readonly AccessLoss[];
  /** Groups kept whose end moves: later (or none) among the gains' column, sooner among the losses'. */
  readonly extended: readonly AccessGain[];
  readonly shortened: readonly AccessGain[];
}

/** A long list in one cell is spread over several rows of the same user. */
const ITEMS_PER_ROW = 40;

/** A gained grant's end, as a term (none when it does not end). */
const termOf = (user: string, held: Held): MemberTerm | undefined =>
  held.until === undefined
    ? undefined
    : { userName: user, until: held.until, ...(held.reason === undefined ? {} : { reason: held.reason }) };

/** A grant kept whose end the change moves. */
const movedGain = (user: string, change: EndChange): AccessGain => ({
  group: pairKey(change.held),
  term: {
    userName: user,
    ...(change.held.until === undefined ? {} : { until: change.held.until }),
    ...(change.held.reason === undefined ? {} : { reason: change.held.reason }),
    changedFrom: change.was,
  },
});

/**
 * What each user gains and loses, `account.role` by `account.role`, users and grants sorted;
 * a grant kept whose end moves is a gain when it moves later (or is lifted), a loss when sooner.
 * Groups that grant no pair RoleModel knows (a stray group under the path) are named as groups,
 * so that no membership change is left unsaid.
 */
export const accessByUser = (groups: readonly GroupPlan[]): UserAccess[] => {
  const gains = new Map<string, AccessGain[]>();
  const losses = new Map<string, AccessLoss[]>();
  const extended = new Map<string, AccessGain[]>();
  const shortened = new Map<string, AccessGain[]>();
  for (const delta of accessDeltas(groups)) {
    const { user } = delta;
    for (const held of delta.gained) append(gains, user, { group: pairKey(held), term: termOf(user, held) });
    for (const { pair, removal } of delta.lost)
      append(losses, user, { group: pairKey(pair), origin: removal?.origin ?? 'git' });
    for (const change of delta.extended) append(extended, user, movedGain(user, change));
    for (const change of delta.shortened) append(shortened, user, movedGain(user, change));
  }
  for (const group of groups) {
    if (pairsOfGroup(group).length > 0 || pairsBeforeOf(group).length > 0) continue;
    for (const user of group.membersToAdd) append(gains, user, { group: group.name, term: undefined });
    for (const m of groupRemovals(group)) append(losses, m.userName, { group: group.name, origin: m.origin });
  }
  const byGroup = (a: { group: string }, b: { group: string }) => byText(a.group, b.group);
  const users = [
    ...new Set([...gains.keys(), ...losses.keys(), ...extended.keys(), ...shortened.keys()]),
  ].sort(byText);
  return users.map((userName) => ({
    userName,
    gains: [...(gains.get(userName) ?? [])].sort(byGroup),
    losses: [...(losses.get(userName) ?? [])].sort(byGroup),
    extended: [...(extended.get(userName) ?? [])].sort(byGroup),
    shortened: [...(shortened.get(userName) ?? [])].sort(byGroup),
  }));
};

type Levels = ReadonlyMap<string, PrivilegeLevel>;

const endText = (until: GrantEnd | undefined, at: Date | undefined): string =>
  until === undefined ? 'no end' : escapeMarkdown(describeEnd(until, at));

/** ` until 2026-12-31, in 31 days (reason)`, or for a moved end `: now until …, was until …`. */
const termText = (term: MemberTerm | undefined, at: Date | undefined): string => {
  if (term === undefined) return '';
  const reason = term.reason === undefined ? '' : ` (${escapeMarkdown(term.reason)})`;
  if (term.changedFrom === undefined)
    return term.until === undefined ? '' : ` ${endText(term.until, at)}${reason}`;
  const was =
    term.changedFrom.until === undefined
      ? 'no end'
      : `until ${escapeMarkdown(term.changedFrom.until.written)}`;
  return `: now ${endText(term.until, at)}, was ${was}${reason}`;
};

/** `account.role` -> the level of its role, for every grant shown. */
const levelsOf = (users: readonly UserAccess[], review: AccessReview | undefined): Levels =>
  new Map(
    users
      .flatMap((u) => [...u.gains, ...u.extended, ...u.shortened, ...u.losses].map((g) => g.group))
      .flatMap((grant) => {
        const level = roleLevel(review, grant.slice(grant.lastIndexOf('.') + 1));
        return level === undefined || !grant.includes('.') ? [] : [[grant, level] as const];
      }),
  );

/** `` `prod.AdminRole` (admin) until 2026-12-31, in 31 days ``: the grant, the power it gives, its end. */
const gainText = (gain: AccessGain, levels: Levels, at: Date | undefined): string =>
  `${cellCode(gain.group)}${levelSuffix(levels.get(gain.group))}${termText(gain.term, at)}`;

const lossText = (loss: AccessLoss, levels: Levels): string =>
  removalCell(loss.group, loss.origin, levelSuffix(levels.get(loss.group)));

const userRows = (access: UserAccess, levels: Levels, at: Date | undefined): string[] => {
  const gains = runsOf(
    [...access.gains, ...access.extended].map((g) => gainText(g, levels, at)),
    ITEMS_PER_ROW,
  );
  const losses = runsOf(
    [
      ...access.losses.map((l) => lossText(l, levels)),
      ...access.shortened.map((g) => gainText(g, levels, at)),
    ],
    ITEMS_PER_ROW,
  );
  const rows = Math.max(gains.length, losses.length);
  return Array.from({ length: rows }, (_, i) =>
    tableRow([cellCode(access.userName), (gains[i] ?? []).join(', '), (losses[i] ?? []).join(', ')]),
  );
};

const NOTES: Readonly<Record<Exclude<RemovalOrigin, 'git'>, string>> = {
  drift:
    '_(outside git)_: these members were added by hand in AWS, not through the user map; apply removes them.',
  unknown:
    '_(not in the user map)_: these members are in the group in AWS but not in the user map (its previous version was not available to tell whether they were removed in this change or added by hand); apply removes them.',
  expired:
    '_(grant ended)_: the user map still lists these members, but their grant has ended (`until`); apply, or the scheduled `expire` run, removes them.',
};

const notesFor = (users: readonly UserAccess[]): string | undefined => {
  const origins = new Set(users.flatMap((u) => u.losses.map((l) => l.origin)));
  const lines = (['drift', 'unknown', 'expired'] as const).filter((o) => origins.has(o)).map((o) => NOTES[o]);
  return lines.length > 0 ? lines.join('<br>\n') : undefined;
};

/**
 * The "Access changes" blocks; none when no membership changes. With the access review,
 * every `account.role` carries its privilege level.
 */
export const renderAccessSections = (
  groups: readonly GroupPlan[],
  review?: AccessReview,
  at?: Date,
): string[] => {
  const users = accessByUser(groups);
  const levels = levelsOf(users, review);
  if (users.length === 0) return [];
  const note = notesFor(users);
  return tableSections({
    lead: [
      '### Access changes',
      '',
      `${plural(users.length, 'user')} ${users.length === 1 ? 'gains or loses' : 'gain or lose'} access.`,
    ],
    headers: ['User', 'Gains', 'Loses'],
    rows: users.flatMap((u) => userRows(u, levels, at)),
    label: (from, to, total) =>
      from === 1 && to === total ? plural(users.length, 'user') : `Users, rows ${from}–${to} of ${total}`,
    ...(note === undefined ? {} : { note }),
  });
};
