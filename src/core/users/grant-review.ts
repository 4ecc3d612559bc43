// The rules for the grants a change adds (user map and teams), judged against the base branch's and the
// time the change is planned: a grant that has already ended when it is added is a mistake
// (it would grant nothing), and `max_grant_days` bounds how long a new grant may last. A
// grant the base already had with the same end was reviewed when it was added; it is not
// judged again (it ends by itself).
import { error, warning } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { GrantEnd, GrantPolicy, UserEntry } from '../model.ts';
import { hasEnded, distance, sameEnd } from './grant-end.ts';
import type { GroupGrants } from './grant-lists.ts';

const DAY_MS = 86_400_000;

export interface GrantReviewInput {
  /** The change's grants: the user map's lists and the teams' members. */
  readonly lists: readonly GroupGrants[];
  /** The base branch's (none when the base has no RoleModel yet); undefined when it could not be read. */
  readonly base: readonly GroupGrants[] | undefined;
  /** When the change is planned. */
  readonly now: Date;
  readonly policy: GrantPolicy;
  readonly configFile: string;
}

const sameUser = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The entry adds a grant or moves its end: the base has no such person there, or another end. */
const addedByChange = (base: readonly GroupGrants[], group: string, entry: UserEntry): boolean => {
  const before = base
    .find((l) => l.group === group)
    ?.entries.find((e) => sameUser(e.userName, entry.userName));
  return before === undefined || !sameEnd(before.until, entry.until);
};

/** The last day a grant added now may end on: its next midnight is at most `days` from now. */
const lastAllowedDay = (now: Date, days: number): string =>
  new Date(Math.floor((now.getTime() + days * DAY_MS) / DAY_MS) * DAY_MS - DAY_MS).toISOString().slice(0, 10);

const ended = (where: string, entry: UserEntry, end: GrantEnd, now: Date, known: boolean): Diagnostic =>
  known
    ? error(
        entry.position,
        `The grant of ${entry.userName} in ${where} has already ended (until ${end.written}, ${distance(end, now)}): this change adds a grant that gives nothing.`,
        'Write a later `until`, or remove the entry.',
      )
    : warning(
        entry.position,
        `The grant of ${entry.userName} in ${where} has ended (until ${end.written}, ${distance(end, now)}): it gives nothing.`,
        'Remove the entry, or write a later `until` if it should go on.',
      );

const tooLong = (
  where: string,
  entry: UserEntry,
  end: GrantEnd,
  input: GrantReviewInput,
  days: number,
): Diagnostic =>
  error(
    entry.position,
    `The grant of ${entry.userName} in ${where} ends ${distance(end, input.now)} (until ${end.written}); ${input.configFile} allows a new grant at most ${days} day${days === 1 ? '' : 's'} (\`max_grant_days: ${days}\`).`,
    `End it on ${lastAllowedDay(input.now, days)} or earlier: \`until: ${lastAllowedDay(input.now, days)}\`.`,
  );

/** Errors (and, without a readable base, warnings) at the lines of the grants the change adds. */
export const reviewGrantEnds = (input: GrantReviewInput): Diagnostic[] => {
  const days = input.policy.maxGrantDays;
  const out: Diagnostic[] = [];
  for (const { group, where, entries } of input.lists) {
    for (const entry of entries) {
      const end = entry.until;
      if (end === undefined) continue;
      // Without the base, every grant is judged as if new, but an ended one only warned about.
      const added = input.base === undefined || addedByChange(input.base, group, entry);
      if (!added) continue;
      if (hasEnded(end, input.now)) {
        out.push(ended(where, entry, end, input.now, input.base !== undefined));
        continue;
      }
      if (days !== undefined && Date.parse(end.endsAt) > input.now.getTime() + days * DAY_MS)
        out.push(tooLong(where, entry, end, input, days));
    }
  }
  return out;
};
