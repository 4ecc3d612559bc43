// When a time-boxed grant ends: `until:` in the user map is a date (access through the end
// of that day, UTC) or an RFC 3339 time with a zone. Pure; the time a run compares with is
// always passed in (the run's "now"), never read here.
import type { GrantEnd, UserEntry } from '../model.ts';

export type { GrantEnd } from '../model.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Both written forms, for the published JSON Schema (the calendar is checked by `parseGrantEnd`). */
export const GRANT_END_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([Tt ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d))?$/;

export const GRANT_END_FORMS =
  'a date, `2026-12-31` (access through the end of that day, UTC), or an RFC 3339 time with a zone, `2026-12-03T18:00:00Z` or `2026-12-03T18:00:00+01:00`';

/** Milliseconds of a calendar date and time in UTC; undefined when the calendar has no such day. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined => {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    ? ms
    : undefined;
};

export type GrantEndResult =
  { readonly ok: true; readonly end: GrantEnd } | { readonly ok: false; readonly problem: string };

/** Reads `until` as written; the problem says what is wrong (the accepted forms are said by the caller). */
export const parseGrantEnd = (written: string): GrantEndResult => {
  const date = DATE.exec(written);
  if (date) {
    const start = utc(Number(date[1]), Number(date[2]), Number(date[3]));
    if (start === undefined) return { ok: false, problem: `"${written}" is not a day of the calendar` };
    // Through the end of that day: the first instant without access is the next midnight, UTC.
    return { ok: true, end: { written, endsAt: new Date(start + DAY_MS).toISOString() } };
  }
  const time = TIMESTAMP.exec(written);
  if (!time) {
    const zoneless = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2})?(\.\d+)?$/.test(written);
    return {
      ok: false,
      problem: zoneless
        ? `"${written}" has no time zone, so it would mean a different moment on every machine`
        : `"${written}" is not a date or a time`,
    };
  }
  const local = utc(
    Number(time[1]),
    Number(time[2]),
    Number(time[3]),
    Number(time[4]),
    Number(time[5]),
    Number(time[6]),
  );
  const offsetHours = Number(time[10] ?? 0);
  const offsetMinutes = Number(time[11] ?? 0);
  if (local === undefined || offsetHours > 23 || offsetMinutes > 59)
    return { ok: false, problem: `"${written}" is not a time of the calendar` };
  const fraction = Math.floor(Number(`0${time[7] ?? '.0'}`) * 1000);
  const sign = time[9] === '-' ? -1 : 1;
  const offset = time[8] ? 0 : sign * (offsetHours * HOUR_MS + offsetMinutes * MINUTE_MS);
  return { ok: true, end: { written, endsAt: new Date(local + fraction - offset).toISOString() } };
};

/** The grant grants nothing from `endsAt` on. */
export const hasEnded = (end: GrantEnd, now: Date): boolean => Date.parse(end.endsAt) <= now.getTime();

/** Ends later than `other`; no end at all (undefined) is the latest. */
export const endsLater = (end: GrantEnd | undefined, other: GrantEnd | undefined): boolean =>
  end === undefined
    ? other !== undefined
    : other !== undefined && Date.parse(end.endsAt) > Date.parse(other.endsAt);

export const sameEnd = (a: GrantEnd | undefined, b: GrantEnd | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.endsAt === b.endsAt;

/** Whole days from `now` until the grant ends (0 on its last day). */
export const daysLeft = (end: GrantEnd, now: Date): number =>
  Math.floor((Date.parse(end.endsAt) - now.getTime()) / DAY_MS);

const unit = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** `in 31 days`, `in 5 hours`, `ended 2 days ago`: how far the end is from `now`. */
export const distance = (end: GrantEnd, now: Date): string => {
  const ms = Date.parse(end.endsAt) - now.getTime();
  const size = Math.abs(ms);
  const text =
    size >= DAY_MS
      ? unit(Math.floor(size / DAY_MS), 'day')
      : size >= HOUR_MS
        ? unit(Math.floor(size / HOUR_MS), 'hour')
        : unit(Math.max(1, Math.ceil(size / MINUTE_MS)), 'minute');
  return ms > 0 ? `in ${text}` : `ended ${text} ago`;
};

/** `until 2026-12-31, in 31 days` (plain text; the caller escapes it). */
export const describeEnd = (end: GrantEnd, now: Date | undefined): string =>
  now === undefined ? `until ${end.written}` : `until ${end.written}, ${distance(end, now)}`;

/** A list's entries split at `now`: those that still grant, and those whose grant has ended. */
export const splitByEnd = (
  entries: readonly UserEntry[],
  now: Date,
): { active: UserEntry[]; expired: UserEntry[] } => ({
  active: entries.filter((e) => e.until === undefined || !hasEnded(e.until, now)),
  expired: entries.filter((e) => e.until !== undefined && hasEnded(e.until, now)),
});
