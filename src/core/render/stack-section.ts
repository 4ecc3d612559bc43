// One account's stack: what deploying the template there would do, resource by resource.
import type { ResourceChange } from '../observed.ts';
import type { StackAction, StackPlan } from '../plan/types.ts';
import { runsCodeAtApply } from '../template/runs-code.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { plural, tableRow, tableSections } from './markdown.ts';

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

const idCell = (change: ResourceChange): string =>
  change.physicalId === undefined || change.physicalId === ''
    ? cellCode(change.logicalId)
    : `${cellCode(change.logicalId)}<br>${cellCode(change.physicalId)}`;

const changedCell = (change: ResourceChange): string =>
  (change.properties.length > 0 ? change.properties : change.scope).map(escapeMarkdown).join(', ');

const changeRow = (change: ResourceChange, stack: StackPlan): string => {
  const replaced = isReplaced(change, stack);
  return tableRow([
    actionCell(change, replaced),
    idCell(change),
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

export const accountHeading = (stack: StackPlan): string =>
  `### ${escapeMarkdown(stack.accountName)} (${escapeMarkdown(stack.accountId)})`;

/** The blocks of one account that changes, is blocked or failed. */
export const renderStackSections = (stack: StackPlan): string[] => {
  const hasTable = stack.action !== 'blocked' && stack.action !== 'error';
  const lead = [accountHeading(stack), '', ACTION_LINE[stack.action](stack)];
  if (!hasTable) return [lead.join('\n')];
  if (stack.changes.length === 0) return [[...lead, '', 'No resource changes.'].join('\n')];
  return tableSections({
    lead,
    headers: ['Action', 'Logical id', 'Type', 'Replacement', 'Changes'],
    rows: stack.changes.map((change) => changeRow(change, stack)),
    label: (from, to, total) =>
      from === 1 && to === total
        ? plural(total, 'resource change')
        : `Resource changes ${from}–${to} of ${total}`,
  });
};

/** Accounts whose stack stays as it is, on one line. */
export const renderUnchangedAccounts = (stacks: readonly StackPlan[]): string =>
  `Stack unchanged in: ${stacks.map((s) => code(s.accountName)).join(', ')}.`;
