// The summary of a valid repository: what the files describe.
import type { DesiredState } from '../model.ts';
import { code } from './escape.ts';

export const renderValidSummary = (desired: DesiredState): string => {
  const listed = [...desired.groups, ...desired.teams];
  const users = new Set(listed.flatMap((g) => g.members.map((m) => m.userName)));
  const memberships = listed.reduce((n, g) => n + g.members.length, 0);
  const teams =
    desired.teams.length === 0
      ? ''
      : ` and ${desired.teams.length} team group(s) granting ${desired.teams.reduce((n, t) => n + t.pairs.length, 0)} account.role pair(s)`;
  const rows = desired.stacks.map((s) => {
    const groups = desired.groups.filter((g) => g.accountName === s.accountName);
    const members = groups.reduce((n, g) => n + g.members.length, 0);
    return `| ${code(s.accountName)} | ${code(s.accountId)} | ${code(s.stackName)} | ${groups.length} | ${members} |`;
  });
  return [
    `✅ The files are valid: ${desired.stacks.length} account(s), ${desired.groups.length} group(s)${teams}, ${users.size} user(s) in ${memberships} membership(s).`,
    '',
    '| Account | Id | Stack | Groups | Members |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
};
