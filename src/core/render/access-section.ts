// Who gains or loses which role: effective access before and after the plan (through pair
// groups and teams alike), read per user, because that is how a reviewer thinks about access.
// A person moved from pair groups to a team that grants the same gains and loses nothing.
import { accessDeltas, pairKey, pairsBeforeOf, pairsOfGroup } from '../access/effective.ts';
import type { AccessReview } from '../access/types.ts';
import type { GroupPlan, RemovalOrigin } from '../plan/types.ts';
import type { PrivilegeLevel } from '../privilege/privilege.ts';
import { cellCode } from './escape.ts';
import { levelSuffix, roleLevel } from './levels.ts';
import { append, byText } from '../collections.ts';
import { plural, runsOf, tableRow, tableSections } from './markdown.ts';
import { groupRemovals } from '../plan/removals.ts';
import { removalCell } from './removal.ts';

export interface AccessLoss {
  readonly group: string;
  readonly origin: RemovalOrigin;
}

export interface UserAccess {
  readonly userName: string;
  readonly gains: readonly string[];
  readonly losses: readonly AccessLoss[];
}

/** A long list in one cell is spread over several rows of the same user. */
const ITEMS_PER_ROW = 40;

/**
 * What each user gains and loses, `account.role` by `account.role`, users and grants sorted.
 * Groups that grant no pair RoleModel knows (a stray group under the path) are named as groups,
 * so that no membership change is left unsaid.
 */
export const accessByUser = (groups: readonly GroupPlan[]): UserAccess[] => {
  const gains = new Map<string, string[]>();
  const losses = new Map<string, AccessLoss[]>();
  for (const { user, gained, lost } of accessDeltas(groups)) {
    for (const pair of gained) append(gains, user, pairKey(pair));
    for (const { pair, removal } of lost)
      append(losses, user, { group: pairKey(pair), origin: removal?.origin ?? 'git' });
  }
  for (const group of groups) {
    if (pairsOfGroup(group).length > 0 || pairsBeforeOf(group).length > 0) continue;
    for (const user of group.membersToAdd) append(gains, user, group.name);
    for (const m of groupRemovals(group)) append(losses, m.userName, { group: group.name, origin: m.origin });
  }
  const users = [...new Set([...gains.keys(), ...losses.keys()])].sort(byText);
  return users.map((userName) => ({
    userName,
    gains: [...(gains.get(userName) ?? [])].sort(byText),
    losses: [...(losses.get(userName) ?? [])].sort((a, b) => byText(a.group, b.group)),
  }));
};

type Levels = ReadonlyMap<string, PrivilegeLevel>;

/** `account.role` -> the level of its role, for every grant shown. */
const levelsOf = (users: readonly UserAccess[], review: AccessReview | undefined): Levels =>
  new Map(
    users
      .flatMap((u) => [...u.gains, ...u.losses.map((l) => l.group)])
      .flatMap((grant) => {
        const level = roleLevel(review, grant.slice(grant.lastIndexOf('.') + 1));
        return level === undefined || !grant.includes('.') ? [] : [[grant, level] as const];
      }),
  );

/** `` `prod.AdminRole` (admin) ``: the group and the power it gives. */
const gainText = (group: string, levels: Levels): string =>
  `${cellCode(group)}${levelSuffix(levels.get(group))}`;

const lossText = (loss: AccessLoss, levels: Levels): string =>
  removalCell(loss.group, loss.origin, levelSuffix(levels.get(loss.group)));

const userRows = (access: UserAccess, levels: Levels): string[] => {
  const gains = runsOf(
    access.gains.map((g) => gainText(g, levels)),
    ITEMS_PER_ROW,
  );
  const losses = runsOf(
    access.losses.map((l) => lossText(l, levels)),
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
};

const notesFor = (users: readonly UserAccess[]): string | undefined => {
  const origins = new Set(users.flatMap((u) => u.losses.map((l) => l.origin)));
  const lines = (['drift', 'unknown'] as const).filter((o) => origins.has(o)).map((o) => NOTES[o]);
  return lines.length > 0 ? lines.join('<br>\n') : undefined;
};

/**
 * The "Access changes" blocks; none when no membership changes. With the access review,
 * every `account.role` carries its privilege level.
 */
export const renderAccessSections = (groups: readonly GroupPlan[], review?: AccessReview): string[] => {
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
    rows: users.flatMap((u) => userRows(u, levels)),
    label: (from, to, total) =>
      from === 1 && to === total ? plural(users.length, 'user') : `Users, rows ${from}–${to} of ${total}`,
    ...(note === undefined ? {} : { note }),
  });
};
