// The `list` command's job summary: per account the stack and its roles with their groups
// and members, then who can assume what, the access matrix with levels, and per person
// `~/.aws/config` profiles.
import type { Listing, ListedAccount } from '../listing.ts';
import { renderAccessMatrix } from './access-matrix.ts';
import { code, escapeMarkdown } from './escape.ts';

const members = (list: readonly string[]): string =>
  list.length === 0 ? '_nobody_' : list.map(code).join(', ');

const accountSection = (account: ListedAccount, stackName: string): string[] => {
  const heading = `### ${escapeMarkdown(account.accountName)} (${code(account.accountId)})`;
  if (account.error)
    return [heading, '', `❌ Could not read this account: ${escapeMarkdown(account.error)}`, ''];
  if (account.stackStatus === undefined) return [heading, '', `Stack ${code(stackName)} does not exist.`, ''];
  return [
    heading,
    '',
    `Stack ${code(stackName)}: ${code(account.stackStatus)}`,
    '',
    '| Role | Physical name | ARN | Group members | Console |',
    '| --- | --- | --- | --- | --- |',
    ...account.roles.map(
      (r) =>
        `| ${code(r.logicalId)} | ${code(r.physicalName)} | ${code(r.arn)} | ${members(r.members)} | [Switch role](${r.switchRoleUrl}) |`,
    ),
    '',
  ];
};

export const renderListing = (listing: Listing): string =>
  [
    '## RoleModel list',
    '',
    `${listing.accounts.length} account(s); ${listing.users.length} user(s) can assume roles through groups under \`/RoleModel/\` in the master account ${code(listing.masterAccountId)}.`,
    '',
    ...listing.accounts.flatMap((a) => accountSection(a, listing.stackName)),
    '### Who can assume what',
    '',
    ...(listing.users.length === 0
      ? ['Nobody.']
      : [
          '| User | Roles (`account.role`) |',
          '| --- | --- |',
          ...listing.users.map((u) => `| ${code(u.userName)} | ${u.grants.map(code).join(', ')} |`),
        ]),
    '',
    ...renderAccessMatrix(listing.access, listing.accounts),
    ...(listing.otherGroups.length > 0
      ? [
          '### Other groups under `/RoleModel/`',
          '',
          'No configured account and role explains these; the next apply deletes them.',
          '',
          ...listing.otherGroups.map((g) => `- ${code(g.name)}: ${members(g.members)}`),
          '',
        ]
      : []),
  ].join('\n');
