// Warnings under the summary line: what a reviewer must not miss even when details are folded.
import type { Diagnostic } from '../diagnostics.ts';
import type { StackPlan } from '../plan/types.ts';
import { runsCodeAtApply } from '../template/runs-code.ts';
import { code, escapeMarkdown } from './escape.ts';
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

/** Resources that run code when applied, each with the accounts whose change set touches it. */
export const codeRunningChanges = (
  stacks: readonly StackPlan[],
): { resource: string; accounts: string[] }[] => {
  const byResource = new Map<string, string[]>();
  for (const stack of stacks)
    for (const change of stack.changes) {
      if (!runsCodeAtApply(change.resourceType)) continue;
      const resource = `${code(change.logicalId)} (${code(change.resourceType)})`;
      byResource.set(resource, [...(byResource.get(resource) ?? []), code(stack.accountName)]);
    }
  return [...byResource].map(([resource, accounts]) => ({ resource, accounts }));
};

/** What CloudFormation will run besides the template's declarations: said before any detail. */
export const renderCodeWarnings = (stacks: readonly StackPlan[]): string[] => {
  const changes = codeRunningChanges(stacks);
  if (changes.length === 0) return [];
  const list = listSome(
    changes.map((c) => `${c.resource} in ${listSome(c.accounts, MAX_NAMES)}`),
    MAX_NAMES,
  );
  return [
    `⚠️ **${plural(changes.length, 'resource')} that run${changes.length === 1 ? 's' : ''} code when applied**: ${list}. CloudFormation runs that code with the permissions it is given; what it does is not part of this review.`,
  ];
};

/** Warnings of the files a reviewer must not miss (an allowed transform), at the top of the plan. */
export const renderProminent = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics
    .filter((d) => d.prominent === true)
    .map(
      (d) =>
        `⚠️ ${escapeMarkdown(d.message)}${d.hint === undefined ? '' : ` ${escapeMarkdown(d.hint)}`} (${code(`${d.file}:${d.line}`)})`,
    );
