// `validate` for a terminal: what the valid files describe, per account.
import type { DesiredState } from '../../model.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';

export const renderValidText = (desired: DesiredState, style: Style): string => {
  const users = new Set(desired.groups.flatMap((g) => g.members.map((m) => m.userName)));
  const memberships = desired.groups.reduce((n, g) => n + g.members.length, 0);
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
        `The files are valid: ${desired.stacks.length} account(s), ${desired.groups.length} group(s), ${users.size} user(s) in ${memberships} membership(s).`,
      ),
    ),
    ...columns(rows, '  '),
    '',
  ].join('\n');
};
