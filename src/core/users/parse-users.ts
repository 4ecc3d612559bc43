// The user map: account name -> role logical id -> IAM user names (or `{ user, until, reason }`
// for grants that end). Checked against the config's accounts and the template's roles, so a
// typo cannot silently grant nothing.
import { error } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { GrantPolicy, UserEntry, UserMap } from '../model.ts';
import { GROUP_NAME_MAX } from '../names.ts';
import { usersSchema } from '../config/schema.ts';
import { checkNode } from '../schema/check.ts';
import { didYouMean } from '../suggest.ts';
import { mapEntries, positionOf } from '../yaml/nodes.ts';
import type { YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import { parseGrantEntries } from './grant-entry.ts';

export interface UserMapContext {
  readonly configFile: string;
  readonly accountNames: readonly string[];
  readonly templateFile: string;
  readonly roleIds: readonly string[];
  readonly policy: GrantPolicy;
}

export const parseUsers = (
  yaml: YamlFile,
  context: UserMapContext,
): { users: UserMap; diagnostics: Diagnostic[] } => {
  const root = yaml.document.contents as Node | null;
  const diagnostics: Diagnostic[] = [...checkNode(yaml, root, root, '', usersSchema)];
  const users = new Map<string, Map<string, UserEntry[]>>();
  for (const account of mapEntries(yaml, root)) {
    if (!context.accountNames.includes(account.key)) {
      diagnostics.push(
        error(
          positionOf(yaml, account.keyNode),
          `Account "${account.key}" is not in ${context.configFile}.${didYouMean(account.key, context.accountNames)}`,
          `Use one of the accounts of assumable_accounts (${[...new Set(context.accountNames)].join(', ') || 'none'}), or add it there.`,
        ),
      );
    }
    const roles = new Map<string, UserEntry[]>();
    users.set(account.key, roles);
    for (const role of mapEntries(yaml, account.valueNode)) {
      if (!context.roleIds.includes(role.key)) {
        diagnostics.push(
          error(
            positionOf(yaml, role.keyNode),
            `Role "${role.key}" is not an AWS::IAM::Role of ${context.templateFile}.${didYouMean(role.key, context.roleIds)}`,
            `Use the logical id of one of its roles: ${context.roleIds.join(', ') || 'none'}.`,
          ),
        );
      }
      const groupName = `${account.key}.${role.key}`;
      if (groupName.length > GROUP_NAME_MAX) {
        diagnostics.push(
          error(
            positionOf(yaml, role.keyNode),
            `The IAM group name "${groupName}" would be ${groupName.length} characters; IAM allows ${GROUP_NAME_MAX}.`,
            'Shorten the account name or the role logical id.',
          ),
        );
      }
      const list = parseGrantEntries(yaml, role.valueNode, {
        where: groupName,
        policy: context.policy,
        configFile: context.configFile,
      });
      diagnostics.push(...list.diagnostics);
      const entries: UserEntry[] = [...list.entries];
      roles.set(role.key, entries);
    }
  }
  return { users, diagnostics };
};
