// The accounts' stacks: what deploying the template would do, resource by resource. Accounts
// whose change is the same (the same action on the same resources) share one section, so a
// plan for a hundred accounts is not a hundred copies of one table.
import type { ResourceChange } from '../observed.ts';
import type { StackAction, StackPlan } from '../plan/types.ts';
import { runsCodeAtApply } from '../template/runs-code.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { append } from '../collections.ts';
import { details, plural, tableRow, tableSections } from './markdown.ts';
import { countText } from '../numbers.ts';

const ROLE_TYPE = 'AWS::IAM::Role';

const isReplaced = (change: ResourceChange, stack: StackPlan): boolean =>
  change.replacement === 'True' ||
  (change.resourceType === ROLE_TYPE && stack.replacedRoles.includes(change.logicalId));

const actionCell = (change: ResourceChange, replaced: boolean): string => {
  if (change.action === 'Modify' && replaced) return '± replace';
  switch (change.action) {
    case 'Add':
      return '+ add';
    case 'Modify':
      return '~ modify';
    case 'Remove':
      return '- remove';
    case 'Import':
      return '→ import';
    case 'Dynamic':
      return '? dynamic';
  }
};

/** A role's replacement changes its ARN and with it every group policy: said loudly. */
const replacementCell = (change: ResourceChange, replaced: boolean): string => {
  const role = change.resourceType === ROLE_TYPE;
  if (replaced) return role ? '🔴 **replaced**: new ARN' : 'replaced';
  if (change.replacement === 'Conditional')
    return role ? '🟠 **may be replaced**: the ARN may change' : 'maybe';
  return change.replacement === 'False' ? 'no' : '';
};

/** Physical ids differ between accounts: a section for several shows the logical id only. */
const idCell = (change: ResourceChange, shared: boolean): string =>
  shared || change.physicalId === undefined || change.physicalId === ''
    ? cellCode(change.logicalId)
    : `${cellCode(change.logicalId)}<br>${cellCode(change.physicalId)}`;

const changedCell = (change: ResourceChange): string =>
  (change.properties.length > 0 ? change.properties : change.scope).map(escapeMarkdown).join(', ');

const changeRow = (change: ResourceChange, stack: StackPlan, shared: boolean): string => {
  const replaced = isReplaced(change, stack);
  return tableRow([
    actionCell(change, replaced),
    idCell(change, shared),
    runsCodeAtApply(change.resourceType)
      ? `${cellCode(change.resourceType)}<br>⚠️ runs code when applied`
      : cellCode(change.resourceType),
    replacementCell(change, replaced),
    changedCell(change),
  ]);
};

const reasonText = (reason: string | undefined): string =>
  reason === undefined || reason === '' ? '' : ` Reason: ${escapeMarkdown(reason)}`;

const statusText = (status: string | undefined): string =>
  status === undefined ? 'does not exist yet' : `is ${code(status)}`;

const ACTION_LINE: Readonly<Record<StackAction, (stack: StackPlan) => string>> = {
  create: (s) => `➕ **Create** stack ${code(s.stackName)}: it ${statusText(s.currentStatus)}.`,
  update: (s) => `✏️ **Update** stack ${code(s.stackName)} (it ${statusText(s.currentStatus)}).`,
  'no-change': (s) => `No change to stack ${code(s.stackName)}.`,
  recreate: (s) =>
    `♻️ **Delete and recreate** stack ${code(s.stackName)}: it ${statusText(s.currentStatus)}, which can only be deleted.${reasonText(s.reason)}`,
  blocked: (s) =>
    `⛔ **Blocked**: stack ${code(s.stackName)} ${statusText(s.currentStatus)} and cannot be changed now; apply skips this account.${reasonText(s.reason)}`,
  error: (s) => `❌ **Error**: this account could not be planned.${reasonText(s.reason)}`,
};

const accountName = (stack: StackPlan): string =>
  `${escapeMarkdown(stack.accountName)} (${escapeMarkdown(stack.accountId)})`;

/** Accounts named in a shared section's heading; the rest are listed under it. */
const HEADING_ACCOUNTS = 5;

const groupLead = (stacks: readonly StackPlan[]): string[] => {
  if (stacks.length <= HEADING_ACCOUNTS) return [`### ${stacks.map(accountName).join(', ')}`];
  const named = stacks.slice(0, HEADING_ACCOUNTS).map(accountName).join(', ');
  return [
    `### ${plural(stacks.length, 'account')}: ${named} and ${countText(stacks.length - HEADING_ACCOUNTS)} more`,
    '',
    details(`All ${plural(stacks.length, 'account')} with this change`, stacks.map(accountName).join(', ')),
  ];
};

/** The blocks of accounts that change the same way, are blocked or failed. */
const renderGroupSections = (stacks: readonly StackPlan[]): string[] => {
  const stack = stacks[0];
  if (stack === undefined) return [];
  const shared = stacks.length > 1;
  const hasTable = stack.action !== 'blocked' && stack.action !== 'error';
  const lead = [...groupLead(stacks), '', ACTION_LINE[stack.action](stack)];
  if (!hasTable) return [lead.join('\n')];
  if (stack.changes.length === 0) return [[...lead, '', 'No resource changes.'].join('\n')];
  return tableSections({
    lead,
    headers: ['Action', 'Logical id', 'Type', 'Replacement', 'Changes'],
    rows: stack.changes.map((change) => changeRow(change, stack, shared)),
    label: (from, to, total) =>
      from === 1 && to === total
        ? plural(total, 'resource change')
        : `Resource changes ${from}–${to} of ${total}`,
  });
};

/** What makes two accounts' stack changes the same; physical ids differ and do not count. */
const changeKey = (stack: StackPlan): string =>
  JSON.stringify([
    stack.stackName,
    stack.action,
    stack.currentStatus,
    stack.reason,
    stack.replacedRoles,
    stack.changes.map((c) => [c.action, c.logicalId, c.resourceType, c.replacement, c.scope, c.properties]),
  ]);

/** The sections of the accounts that change, are blocked or failed, alike ones together, in plan order. */
export const renderStackSections = (stacks: readonly StackPlan[]): string[] => {
  const groups = new Map<string, StackPlan[]>();
  for (const stack of stacks) append(groups, changeKey(stack), stack);
  return [...groups.values()].flatMap(renderGroupSections);
};

/** Accounts whose stack stays as it is, on one line. */
export const renderUnchangedAccounts = (stacks: readonly StackPlan[]): string =>
  `Stack unchanged in: ${stacks.map((s) => code(s.accountName)).join(', ')}.`;
