// `list` for a terminal: per account the stack and each role with its level, ARN, members and
// console link; then who can assume what, and groups nothing explains.
import type { Listing, TimedMembers, ListedAccount } from '../../listing.ts';
import { describeEnd } from '../../users/grant-end.ts';
import { levelSuffix } from '../levels.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';

/** Members, each time-boxed one with its end (an ended one: removed by the next `expire`). */
const memberText = (group: TimedMembers, at: Date | undefined): string =>
  group.members
    .map((user) => {
      const end = group.ends?.find((e) => e.userName === user);
      if (end === undefined) return user;
      const when = describeEnd({ written: end.until, endsAt: end.endsAt }, at);
      return `${user} (${end.ended ? `grant ended: ${when}` : when})`;
    })
    .join(', ');

const accountLines = (
  account: ListedAccount,
  stackName: string,
  style: Style,
  at: Date | undefined,
): string[] => {
  const head = style.bold(clean(`${account.accountName} (${account.accountId})`));
  if (account.error !== undefined)
    return [`${head}: ${style.red(`could not be read: ${clean(account.error)}`)}`];
  if (account.stackStatus === undefined)
    return [`${head}: ${style.dim(clean(`stack ${stackName} does not exist`))}`];
  return [
    `${head}: ${clean(`stack ${stackName} ${account.stackStatus}`)}`,
    ...account.roles.flatMap((r) => [
      `  ${style.bold(clean(r.logicalId))}${clean(levelSuffix(r.level))}${r.requiresMfa ? ' MFA' : ''}  ${clean(r.arn)}`,
      `    members: ${r.members.length === 0 ? style.dim('nobody') : clean(memberText(r, at))}`,
      ...r.teams.map(
        (t) =>
          `    team ${clean(t.team)}: ${t.members.length === 0 ? style.dim('nobody') : clean(memberText(t, at))}`,
      ),
      `    ${style.dim(clean(r.switchRoleUrl))}`,
    ]),
  ];
};

export const renderListingText = (listing: Listing, style: Style): string => {
  const blocks = [
    [
      clean(
        `${listing.accounts.length} account(s); ${listing.users.length} user(s) can assume roles through groups under /RoleModel/ in the master account ${listing.masterAccountId}.`,
      ),
    ],
    ...listing.accounts.map((a) =>
      accountLines(a, listing.stackName, style, listing.at === undefined ? undefined : new Date(listing.at)),
    ),
    listing.users.length === 0
      ? [style.bold('Who can assume what'), '  nobody']
      : [
          style.bold('Who can assume what'),
          ...columns(
            listing.users.map((u) => [u.userName, u.grants.join(', ')]),
            '  ',
          ),
        ],
    listing.teams.length === 0
      ? []
      : [
          style.bold('Teams'),
          ...columns(
            listing.teams.map((t) => [
              t.team,
              t.members.join(', ') || 'nobody',
              t.grants.join(', ') || 'nothing',
            ]),
            '  ',
          ),
        ],
    listing.otherGroups.length === 0
      ? []
      : [
          style.bold('Other groups under /RoleModel/ (the next update deletes them)'),
          ...listing.otherGroups.map((g) => `  ${clean(g.name)}: ${clean(g.members.join(', ') || 'nobody')}`),
        ],
  ].filter((b) => b.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
};
