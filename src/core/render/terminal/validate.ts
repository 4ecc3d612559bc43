// `validate` for a terminal: what the valid files describe, per account.
import type { DesiredState } from '../../model.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';

export const renderValidText = (desired: DesiredState, style: Style): string => {
  const listed = [...desired.groups, ...desired.teams];
  const users = new Set(listed.flatMap((g) => g.members.map((m) => m.userName)));
  const memberships = listed.reduce((n, g) => n + g.members.length, 0);
  const teams =
    desired.teams.length === 0
      ? ''
      : ` and ${desired.teams.length} team group(s) granting ${desired.teams.reduce((n, t) => n + t.pairs.length, 0)} account.role pair(s)`;
  const rows = desired.stacks.map((s) => {
    const groups = desired.groups.filter((g) => g.accountName === s.accountName);
    return [
      s.accountName,
      s.accountId,
      `stack ${s.stackName}`,
      `${groups.length} group(s)`,
      `${groups.reduce((n, g) => n + g.members.length, 0)} member(s)`,
    ];
  });
  return [
    style.green(
      clean(
        `The files are valid: ${desired.stacks.length} account(s), ${desired.groups.length} group(s)${teams}, ${users.size} user(s) in ${memberships} membership(s).`,
      ),
    ),
    ...columns(rows, '  '),
    '',
  ].join('\n');
};
