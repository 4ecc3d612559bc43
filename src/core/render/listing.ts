// The `list` command's job summary: per account the stack and its roles with their groups
// and members, then who can assume what, the access matrix with levels, and per person
// `~/.aws/config` profiles. Sections, so that a size limit cuts between them.
import type { ListedRole, Listing, TimedMembers, ListedAccount } from '../listing.ts';
import { describeEnd } from '../users/grant-end.ts';
import { renderAccessMatrix } from './access-matrix.ts';
import { code, escapeMarkdown } from './escape.ts';
import { fitToLength, sectionsShown, utf8Bytes } from './limit.ts';
import { reportHeading } from './heading.ts';
import { tableRow, tableSections } from './markdown.ts';

const members = (list: readonly string[]): string =>
  list.length === 0 ? '_nobody_' : list.map(code).join(', ');

/** Members, each time-boxed one with its end (an ended one: removed by the next `expire`). */
const timedMembers = (group: TimedMembers, at: Date | undefined): string => {
  if (group.members.length === 0) return '_nobody_';
  return group.members
    .map((user) => {
      const end = group.ends?.find((e) => e.userName === user);
      if (end === undefined) return code(user);
      const when = escapeMarkdown(describeEnd({ written: end.until, endsAt: end.endsAt }, at));
      return end.ended ? `${code(user)} (⌛ grant ended: ${when})` : `${code(user)} (⏳ ${when})`;
    })
    .join(', ');
};

/** Its own group's members, then each team that grants it with the team's members. */
const holders = (role: ListedRole, at: Date | undefined): string =>
  [timedMembers(role, at), ...role.teams.map((t) => `team ${code(t.team)}: ${timedMembers(t, at)}`)].join(
    '<br>',
  );

const accountSection = (account: ListedAccount, stackName: string, at: Date | undefined): string => {
  const heading = `### ${escapeMarkdown(account.accountName)} (${code(account.accountId)})`;
  if (account.error) return `${heading}\n\n❌ Could not read this account: ${escapeMarkdown(account.error)}`;
  if (account.stackStatus === undefined) return `${heading}\n\nStack ${code(stackName)} does not exist.`;
  return [
    heading,
    '',
    `Stack ${code(stackName)}: ${code(account.stackStatus)}`,
    '',
    '| Role | Physical name | ARN | Group members | Console |',
    '| --- | --- | --- | --- | --- |',
    ...account.roles.map(
      (r) =>
        `| ${code(r.logicalId)} | ${code(r.physicalName)} | ${code(r.arn)} | ${holders(r, at)} | [Switch role](${r.switchRoleUrl}) |`,
    ),
  ].join('\n');
};

const whoCanAssume = (listing: Listing): string[] =>
  listing.users.length === 0
    ? ['### Who can assume what\n\nNobody.']
    : tableSections({
        lead: ['### Who can assume what'],
        headers: ['User', 'Roles (`account.role`)'],
        rows: listing.users.map((u) => tableRow([code(u.userName), u.grants.map(code).join(', ')])),
        label: (from, to, total) => `people ${from}–${to} of ${total}`,
      });

const teams = (listing: Listing, at: Date | undefined): string[] =>
  listing.teams.length === 0
    ? []
    : tableSections({
        lead: ['### Teams', '', 'Each team is one group; its members can assume every role it grants.'],
        headers: ['Team', 'Group', 'Members', 'Grants (`account.role`)'],
        rows: listing.teams.map((t) =>
          tableRow([
            code(t.team),
            code(t.group),
            timedMembers(t, at),
            t.grants.map(code).join(', ') || '_nothing_',
          ]),
        ),
        label: (from, to, total) => `teams ${from}–${to} of ${total}`,
      });

const otherGroups = (listing: Listing): string[] =>
  listing.otherGroups.length === 0
    ? []
    : [
        [
          '### Other groups under `/RoleModel/`',
          '',
          'No configured account and role, nor team, explains these; the next apply deletes them.',
          '',
          ...listing.otherGroups.map((g) => `- ${code(g.name)}: ${members(g.members)}`),
        ].join('\n'),
      ];

const truncationNote = (shown: number, total: number): string =>
  `✂️ **The listing was truncated** to fit GitHub's 1 MiB job summary: ${sectionsShown(shown, total)}. The whole listing is in the \`plan-markdown\` output, and as JSON in \`plan-json\`.`;

/** The listing within `maxBytes` (UTF-8), cut between sections; whole by default. */
export const renderListing = (listing: Listing, maxBytes = Number.MAX_SAFE_INTEGER): string => {
  const at = listing.at === undefined ? undefined : new Date(listing.at);
  return fitToLength(
    {
      head: [
        reportHeading('list'),
        '',
        `${listing.accounts.length} account(s); ${listing.users.length} user(s) can assume roles through groups under \`/RoleModel/\` in the master account ${code(listing.masterAccountId)}.`,
      ].join('\n'),
      problems: () => '',
      sections: [
        ...listing.accounts.map((a) => accountSection(a, listing.stackName, at)),
        ...whoCanAssume(listing),
        ...teams(listing, at),
        ...renderAccessMatrix(listing.access, listing.accounts),
        ...otherGroups(listing),
      ],
      truncationNote,
      shortNote: '✂️ Truncated: the whole listing is in the `plan-markdown` output.',
    },
    maxBytes,
    utf8Bytes,
  );
};
