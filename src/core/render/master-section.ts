// The master account: the groups, their assume-role policies and their members.
import { MANAGED_GROUP_PATH } from '../model.ts';
import type { GroupAction, GroupPlan, MemberRemoval } from '../plan/types.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { byText } from '../collections.ts';
import { plural, runsOf, tableRow, tableSections } from './markdown.ts';
import { describePolicyChange } from './policy.ts';
import { groupRemovals } from '../plan/removals.ts';
import { removalCell } from './removal.ts';
import { renderDetaches } from './managed-policies.ts';
import { countText } from '../numbers.ts';

/** A long member list is spread over several rows of the same group. */
const MEMBERS_PER_ROW = 40;

const ACTION_CELL: Readonly<Record<GroupAction, string>> = {
  create: '+ create',
  update: '~ update',
  delete: '- delete',
  'no-change': '',
};

const removalText = (removal: MemberRemoval): string => removalCell(removal.userName, removal.origin);

const changeCell = (group: GroupPlan): string =>
  [
    ACTION_CELL[group.action],
    ...(group.extraPolicies.length === 0
      ? []
      : [
          `removes inline ${group.extraPolicies.length === 1 ? 'policy' : 'policies'} ${group.extraPolicies.map(cellCode).join(', ')}`,
        ]),
    ...renderDetaches(group),
  ].join('<br>');

const groupRows = (group: GroupPlan): string[] => {
  const added = runsOf([...group.membersToAdd].sort(byText).map(cellCode), MEMBERS_PER_ROW);
  const removed = runsOf(
    groupRemovals(group)
      .sort((a, b) => byText(a.userName, b.userName))
      .map(removalText),
    MEMBERS_PER_ROW,
  );
  const rows = Math.max(added.length, removed.length);
  return Array.from({ length: rows }, (_, i) =>
    tableRow([
      i === 0 ? cellCode(group.name) : `${cellCode(group.name)} (continued)`,
      i === 0 ? changeCell(group) : '',
      i === 0 ? describePolicyChange(group) : '',
      (added[i] ?? []).join(', '),
      (removed[i] ?? []).join(', '),
    ]),
  );
};

const countsLine = (groups: readonly GroupPlan[]): string => {
  const count = (action: GroupAction): number => groups.filter((g) => g.action === action).length;
  const parts = [
    [count('create'), 'created'],
    [count('delete'), 'deleted'],
    [count('update'), 'updated'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, verb]) => `${countText(n)} ${verb}`);
  const policies = groups.filter((g) => g.policy !== undefined).length;
  const extras = groups.reduce((n, g) => n + g.extraPolicies.length, 0);
  const attached = groups.reduce((n, g) => n + (g.managedPolicies?.length ?? 0), 0);
  return [
    `Groups under ${code(MANAGED_GROUP_PATH)}: ${shown.join(', ')}`,
    ...(policies > 0 ? [`${plural(policies, 'policy', 'policies')} written`] : []),
    ...(extras > 0
      ? [`${plural(extras, 'inline policy', 'inline policies')} not written by RoleModel removed`]
      : []),
    ...(attached > 0
      ? [`${plural(attached, 'managed policy', 'managed policies')} attached outside git detached`]
      : []),
  ].join(' · ');
};

/** The master account's blocks; none when no group changes. */
export const renderMasterSections = (masterAccountId: string, groups: readonly GroupPlan[]): string[] => {
  const changing = groups.filter((g) => g.action !== 'no-change').sort((a, b) => byText(a.name, b.name));
  if (changing.length === 0) return [];
  return tableSections({
    lead: [`### Master account (${escapeMarkdown(masterAccountId)})`, '', `${countsLine(changing)}.`],
    headers: ['Group', 'Change', 'Policy `Resource`', 'Members added', 'Members removed'],
    rows: changing.flatMap(groupRows),
    label: (from, to, total) =>
      from === 1 && to === total
        ? plural(changing.length, 'group')
        : `Groups, rows ${from}–${to} of ${total}`,
  });
};
