// The `list` command's access matrix (people x accounts, each role with its privilege
// level) and, per person, folded `~/.aws/config` profiles and console "Switch role" links.
import type { UserAccessRow, UserRole } from '../access/matrix.ts';
import { SOURCE_PROFILE } from '../access/matrix.ts';
import type { ListedAccount } from '../listed.ts';
import { cellCode, code, escapeHtml, escapeMarkdown } from './escape.ts';
import { levelSuffix } from './levels.ts';
import { details, plural, tableRow, tableSections } from './markdown.ts';

/** ⏳ marks a time-boxed grant, ⌛ one that has ended (the next `expire` removes it). */
const endMark = (role: UserRole): string =>
  role.until === undefined
    ? ''
    : ` ${role.ended === true ? '⌛ ended' : '⏳ until'} ${escapeMarkdown(role.until)}`;

const cell = (roles: readonly UserRole[]): string =>
  roles.map((r) => `${cellCode(r.role)}${levelSuffix(r.level)}${endMark(r)}`).join('<br>');

const matrix = (rows: readonly UserAccessRow[], accounts: readonly ListedAccount[]): string[] =>
  tableSections({
    lead: [
      '### Access matrix',
      '',
      "Each person's roles in each account, with the role's privilege level as the template in git grants it. ⏳ marks a time-boxed grant (`until` in the user map) with its last day; ⌛ one that has ended, which the next `expire` run removes.",
    ],
    headers: ['User', ...accounts.map((a) => escapeMarkdown(a.accountName))],
    rows: rows.map((row) =>
      tableRow([
        cellCode(row.userName),
        ...accounts.map((a) => cell(row.roles.filter((r) => r.account === a.accountName))),
      ]),
    ),
    label: (from, to, total) => `people ${from}–${to} of ${total}`,
  });

/** A code fence longer than any run of backticks inside. */
const fenced = (language: string, text: string): string => {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
};

const links = (roles: readonly UserRole[]): string =>
  roles
    .map((r) => `[${escapeMarkdown(r.group)}${escapeMarkdown(levelSuffix(r.level))}](${r.switchRoleUrl})`)
    .join(' · ');

const userProfiles = (row: UserAccessRow): string =>
  details(
    `${escapeHtml(row.userName)}: ${plural(row.roles.length, 'role')}`,
    [fenced('ini', row.awsConfig), '', `Console: ${links(row.roles)}`].join('\n'),
  );

const profilesLead = [
  '### Profiles and console links',
  '',
  `Paste a person's block into their ${code('~/.aws/config')}, then ${code('aws --profile <account>-<role> ...')}. ${code(SOURCE_PROFILE)} is the profile with their own access keys in the master account; ${code('mfa_serial')} is there when the role's trust policy requires MFA.`,
].join('\n');

/** One block per person, so that a size limit can cut between people. */
const profiles = (rows: readonly UserAccessRow[]): string[] =>
  rows.map((row, i) => (i === 0 ? `${profilesLead}\n\n${userProfiles(row)}` : userProfiles(row)));

/** The sections of both parts; none when nobody can assume a listed role. */
export const renderAccessMatrix = (
  rows: readonly UserAccessRow[],
  accounts: readonly ListedAccount[],
): string[] => (rows.length === 0 ? [] : [...matrix(rows, accounts), ...profiles(rows)]);
