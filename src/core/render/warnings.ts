// Warnings under the summary line: what a reviewer must not miss even when details are folded.
import type { StackPlan } from '../plan/types.ts';
import { code } from './escape.ts';
import { listSome, plural } from './markdown.ts';

/** Names listed in a warning before "and N more": the line must stay a line. */
const MAX_NAMES = 10;

/** `account.role` for every role whose ARN changes. */
export const replacedRoleNames = (stacks: readonly StackPlan[]): string[] =>
  stacks.flatMap((stack) => {
    const fromChanges = stack.changes
      .filter((c) => c.resourceType === 'AWS::IAM::Role' && c.replacement === 'True')
      .map((c) => c.logicalId);
    return [...new Set([...stack.replacedRoles, ...fromChanges])].map(
      (role) => `${stack.accountName}.${role}`,
    );
  });

const accounts = (stacks: readonly StackPlan[]): string =>
  listSome(
    stacks.map((s) => code(s.accountName)),
    MAX_NAMES,
  );

export const renderWarnings = (stacks: readonly StackPlan[]): string[] => {
  const replaced = replacedRoleNames(stacks);
  const stuck = stacks.filter((s) => s.action === 'blocked' || s.action === 'error');
  const recreated = stacks.filter((s) => s.action === 'recreate');
  return [
    ...(replaced.length > 0
      ? [
          `⚠️ **${plural(replaced.length, 'role')} replaced**: a new ARN, so the group policies that allow assuming ${replaced.length === 1 ? 'it' : 'them'} change too: ${listSome(replaced.map(code), MAX_NAMES)}.`,
        ]
      : []),
    ...(stuck.length > 0
      ? [
          `⚠️ **${plural(stuck.length, 'account')} blocked or failed to plan**; apply leaves ${stuck.length === 1 ? 'it' : 'them'} as ${stuck.length === 1 ? 'it is' : 'they are'}: ${accounts(stuck)}.`,
        ]
      : []),
    ...(recreated.length > 0
      ? [
          `⚠️ **${plural(recreated.length, 'stack')} deleted and recreated** (${code('ROLLBACK_COMPLETE')} can only be deleted): ${accounts(recreated)}.`,
        ]
      : []),
  ];
};
