// The summary of a valid repository: what the files describe.
import { countDesired } from '../desired-counts.ts';
import type { DesiredState } from '../model.ts';
import { code } from './escape.ts';

export const renderValidSummary = (desired: DesiredState): string => {
  const counts = countDesired(desired);
  return [
    `✅ ${counts.headline}`,
    '',
    '| Account | Id | Stack | Groups | Members |',
    '| --- | --- | --- | --- | --- |',
    ...counts.accounts.map(
      (a) =>
        `| ${code(a.accountName)} | ${code(a.accountId)} | ${code(a.stackName)} | ${a.groups} | ${a.members} |`,
    ),
    '',
  ].join('\n');
};
