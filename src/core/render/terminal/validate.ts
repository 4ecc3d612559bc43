// `validate` for a terminal: what the valid files describe, per account.
import { countDesired } from '../../desired-counts.ts';
import type { DesiredState } from '../../model.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';

export const renderValidText = (desired: DesiredState, style: Style): string => {
  const counts = countDesired(desired);
  const rows = counts.accounts.map((a) => [
    a.accountName,
    a.accountId,
    `stack ${a.stackName}`,
    `${a.groups} group(s)`,
    `${a.members} member(s)`,
  ]);
  return [style.green(clean(counts.headline)), ...columns(rows, '  '), ''].join('\n');
};
