// Grants about to end: the scheduled run lists those that end within `expiring-within` days,
// so that a workflow can tell the people concerned before their access goes.
import { byText } from '../collections.ts';
import type { DesiredState } from '../model.ts';
import { daysLeft } from './grant-end.ts';

const DAY_MS = 86_400_000;

export interface ExpiringGrant {
  readonly user: string;
  readonly account: string;
  readonly role: string;
  /** `<account>.<role>`, the group in the master account. */
  readonly group: string;
  /** As the user map writes it. */
  readonly until: string;
  /** The first instant without access (ISO 8601, UTC). */
  readonly endsAt: string;
  /** Whole days left (0 on the last day). */
  readonly daysLeft: number;
  readonly reason?: string;
}

/** Grants still in force at the state's time that end within `days` days of it, soonest first. */
export const expiringGrants = (desired: DesiredState, days: number): ExpiringGrant[] => {
  const now = new Date(desired.at);
  const horizon = now.getTime() + days * DAY_MS;
  return desired.groups
    .flatMap((group) =>
      group.members.flatMap((m): ExpiringGrant[] =>
        m.until === undefined || Date.parse(m.until.endsAt) > horizon
          ? []
          : [
              {
                user: m.userName,
                account: group.accountName,
                role: group.roleLogicalId,
                group: group.name,
                until: m.until.written,
                endsAt: m.until.endsAt,
                daysLeft: daysLeft(m.until, now),
                ...(m.reason === undefined ? {} : { reason: m.reason }),
              },
            ],
      ),
    )
    .sort((a, b) => byText(a.endsAt, b.endsAt) || byText(a.group, b.group) || byText(a.user, b.user));
};
