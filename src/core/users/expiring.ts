// Grants about to end: the scheduled run lists those that end within `expiring-within` days,
// so that a workflow can tell the people concerned before their access goes.
import { byText } from '../collections.ts';
import type { DesiredState, UserEntry } from '../model.ts';
import { daysLeft } from './grant-end.ts';

const DAY_MS = 86_400_000;

export interface ExpiringGrant {
  readonly user: string;
  /** The account and role of an `account.role` group; absent for a team. */
  readonly account?: string;
  readonly role?: string;
  /** The team whose membership ends; absent for an `account.role` group. */
  readonly team?: string;
  /** The group in the master account: `<account>.<role>` or `team-<name>`. */
  readonly group: string;
  /** As the file writes it. */
  readonly until: string;
  /** The first instant without access (ISO 8601, UTC). */
  readonly endsAt: string;
  /** Whole days left (0 on the last day). */
  readonly daysLeft: number;
  readonly reason?: string;
}

interface Granting {
  readonly where: Pick<ExpiringGrant, 'account' | 'role' | 'team' | 'group'>;
  readonly members: readonly UserEntry[];
}

const grantings = (desired: DesiredState): Granting[] => [
  ...desired.groups.map((g) => ({
    where: { account: g.accountName, role: g.roleLogicalId, group: g.name },
    members: g.members,
  })),
  ...desired.teams.map((t) => ({ where: { team: t.team, group: t.name }, members: t.members })),
];

/** Grants still in force at the state's time that end within `days` days of it, soonest first. */
export const expiringGrants = (desired: DesiredState, days: number): ExpiringGrant[] => {
  const now = new Date(desired.at);
  const horizon = now.getTime() + days * DAY_MS;
  return grantings(desired)
    .flatMap(({ where, members }) =>
      members.flatMap((m): ExpiringGrant[] =>
        m.until === undefined || Date.parse(m.until.endsAt) > horizon
          ? []
          : [
              {
                user: m.userName,
                ...where,
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
