// The summary of a valid repository: what the files describe.
import type { DesiredState } from '../model.ts';
import { code } from './escape.ts';

export const renderValidSummary = (desired: DesiredState): string => {
  const users = new Set(desired.groups.flatMap((g) => g.members.map((m) => m.userName)));
  const memberships = desired.groups.reduce((n, g) => n + g.members.length, 0);
  const rows = desired.stacks.map((s) => {
    const groups = desired.groups.filter((g) => g.accountName === s.accountName);
    const members = groups.reduce((n, g) => n + g.members.length, 0);
    return `| ${code(s.accountName)} | ${code(s.accountId)} | ${code(s.stackName)} | ${groups.length} | ${members} |`;
  });
  return [
    `✅ The files are valid: ${desired.stacks.length} account(s), ${desired.groups.length} group(s), ${users.size} user(s) in ${memberships} membership(s).`,
    '',
    '| Account | Id | Stack | Groups | Members |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
};
