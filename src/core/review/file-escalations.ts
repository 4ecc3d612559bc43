// The escalations a change makes by its files alone: its head's grants and roles against its
// base's. The `approval` command reads no AWS, so it cannot check the escalations a plan
// comment records (a comment is anyone's text once a token can edit it); these it can work
// out itself, and a comment rewritten to leave one out then leaves it out of nothing.
import { pairKey } from '../access/pair.ts';
import type { DesiredState, GrantEnd, RoleTemplate } from '../model.ts';
import { analyzeRoles, escalationWarnings, privilegeChanges } from '../privilege/privilege.ts';
import type { MembershipGain } from '../privilege/privilege.ts';
import { endsLater } from '../users/grant-end.ts';
import type { ReviewedEscalation } from './fingerprint.ts';

/** One version of the files: what it grants, and its template. */
export interface FilesVersion {
  readonly desired: DesiredState;
  readonly template: RoleTemplate;
}

interface Given {
  readonly account: string;
  readonly role: string;
  readonly until: GrantEnd | undefined;
}

/** user -> pair -> the latest end of the grants the files give it (user map and teams alike). */
const givenBy = (desired: DesiredState): Map<string, Map<string, Given>> => {
  const out = new Map<string, Map<string, Given>>();
  const give = (user: string, account: string, role: string, until: GrantEnd | undefined) => {
    const held = out.get(user) ?? new Map<string, Given>();
    const key = pairKey({ account, role });
    const other = held.get(key);
    if (other === undefined || endsLater(until, other.until)) held.set(key, { account, role, until });
    out.set(user, held);
  };
  for (const g of desired.groups)
    for (const m of g.members) give(m.userName, g.accountName, g.roleLogicalId, m.until);
  for (const t of desired.teams)
    for (const m of t.members) for (const p of t.pairs) give(m.userName, p.account, p.role, m.until);
  return out;
};

const endText = (until: GrantEnd | undefined) =>
  until === undefined ? {} : { end: { until: until.written, endsAt: until.endsAt } };

/** Pairs the head gives that the base did not, or gives for longer. */
const gains = (base: DesiredState | undefined, head: DesiredState): MembershipGain[] => {
  const before = base === undefined ? new Map<string, Map<string, Given>>() : givenBy(base);
  return [...givenBy(head)].flatMap(([user, held]) =>
    [...held].flatMap(([key, now]): MembershipGain[] => {
      const was = before.get(user)?.get(key);
      if (was !== undefined && !endsLater(now.until, was.until)) return [];
      const gain = { account: now.account, role: now.role, user, ...endText(now.until) };
      return [was === undefined ? gain : { ...gain, was: endText(was.until) }];
    }),
  );
};

/** `base` undefined: the base has no RoleModel files (every grant and role is new). */
export const fileEscalations = (base: FilesVersion | undefined, head: FilesVersion): ReviewedEscalation[] =>
  escalationWarnings({
    roles: privilegeChanges(
      base === undefined ? new Map() : analyzeRoles(base.template),
      analyzeRoles(head.template),
    ),
    memberships: gains(base?.desired, head.desired),
  }).map(({ kind, role, account, user }) => ({
    kind,
    role,
    ...(account === undefined ? {} : { account }),
    ...(user === undefined ? {} : { user }),
  }));
