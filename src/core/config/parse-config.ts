// The config file: schema check, then a typed config built from whatever parts are valid,
// so that later checks (template, user map) can still run and report everything at once.
import { partitionOfRegion, parseRoleArn, roleArn } from '../arn.ts';
import { error } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import type { AccountConfig, AssumeMode, GrantPolicy, Partition, RoleModelConfig } from '../model.ts';
import { nameClashes } from '../name-clashes.ts';
import type { NameAt } from '../name-clashes.ts';
import { APPROVAL_KEYS, parseApprover } from '../approvals/types.ts';
import type { ApprovalKey, ApprovalRules, Approver } from '../approvals/types.ts';
import { checkNode } from '../schema/check.ts';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems } from '../yaml/nodes.ts';
import type { MapEntry, YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import { fileReference } from './file-reference.ts';
import type { FileKey, FileReference } from './file-reference.ts';
import { DEFAULT_DEPLOYER_ROLE, DEFAULT_STACK_NAME, configSchema } from './schema.ts';

export type { FileReference } from './file-reference.ts';

export interface ParsedConfig {
  readonly config: RoleModelConfig;
  readonly template: FileReference | undefined;
  readonly users: FileReference | undefined;
  readonly teams: FileReference | undefined;
  /** Where each config parameter is written, for errors about unknown parameters. */
  readonly parameterPositions: ReadonlyMap<string, Position>;
  /** `allow_transforms`, each name where it is written. */
  readonly transformsAllowed: readonly NameAt[];
}

/** The `approvals:` block: each key's valid approvers (the schema reports the others). */
const approvalsOf = (yaml: YamlFile, node: Node | null): ApprovalRules => {
  const rules = new Map<ApprovalKey, Approver[]>();
  for (const entry of mapEntries(yaml, node)) {
    const key = APPROVAL_KEYS.find((k) => k === entry.key);
    if (key === undefined) continue;
    const approvers = seqItems(yaml, entry.valueNode).flatMap((item) => {
      const value =
        kindOf(yaml, item) === 'string' ? parseApprover(String(scalarValue(yaml, item))) : undefined;
      return value === undefined ? [] : [value];
    });
    if (approvers.length > 0) rules.set(key, approvers);
  }
  return rules;
};

const stringAt = (yaml: YamlFile, entries: readonly MapEntry[], key: string): string | undefined => {
  const entry = entries.find((e) => e.key === key);
  if (!entry || kindOf(yaml, entry.valueNode) !== 'string') return undefined;
  return String(scalarValue(yaml, entry.valueNode));
};

const entryAt = (entries: readonly MapEntry[], key: string): MapEntry | undefined =>
  entries.find((e) => e.key === key);

/** `max_grant_days` and `require_reason`, where the schema accepts them (it reports the rest). */
const grantPolicyOf = (yaml: YamlFile, entries: readonly MapEntry[]): GrantPolicy => {
  const days = scalarValue(yaml, entryAt(entries, 'max_grant_days')?.valueNode ?? null);
  const reason = scalarValue(yaml, entryAt(entries, 'require_reason')?.valueNode ?? null);
  return {
    maxGrantDays: typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : undefined,
    requireReason: reason === true,
  };
};

/** A role given as a name or an ARN, as an ARN in `accountId`. */
const deployerArn = (partition: Partition, accountId: string, written: string): string =>
  written.startsWith('arn:') ? written : roleArn(partition, accountId, '/', written);

const roleNameOf = (written: string): string => parseRoleArn(written)?.name ?? written;

const readAccount = (
  yaml: YamlFile,
  node: Node | null,
  defaults: { partition: Partition; roleName: string; assume: AssumeMode },
  diagnostics: Diagnostic[],
): AccountConfig | undefined => {
  const entries = mapEntries(yaml, node);
  const name = stringAt(yaml, entries, 'name');
  if (name === undefined) return undefined;
  const accountId = stringAt(yaml, entries, 'account_id') ?? '';
  const role = stringAt(yaml, entries, 'role') ?? defaults.roleName;
  const assume = (stringAt(yaml, entries, 'assume') as AssumeMode | undefined) ?? defaults.assume;
  const parsed = parseRoleArn(role);
  if (parsed && /^\d{12}$/.test(accountId) && parsed.accountId !== accountId) {
    diagnostics.push(
      error(
        positionOf(yaml, entryAt(entries, 'role')?.valueNode ?? node),
        `The deployer role ARN of account "${name}" is in account ${parsed.accountId}, not in ${accountId}.`,
        `Write the role's name (\`role: ${parsed.name}\`) or an ARN in account ${accountId}.`,
      ),
    );
  }
  return {
    name,
    accountId,
    deployerRoleArn: deployerArn(defaults.partition, accountId, role),
    assume,
    position: positionOf(yaml, node),
  };
};

/** Every entry of a name or id that is written twice (ignoring case) is an error at its own line. */
const duplicates = (
  yaml: YamlFile,
  items: readonly { value: string; node: Node | null }[],
  what: string,
  hint: string,
): Diagnostic[] =>
  nameClashes(
    items.map((item) => ({ name: item.value, position: positionOf(yaml, item.node) })),
    what,
    hint,
  );

/**
 * `regionOf` gives the region the run will use for a region written in the file (or none):
 * the partition of every ARN follows it. `config.region` stays what the file says.
 */
export const parseConfig = (
  yaml: YamlFile,
  regionOf: (written: string | undefined) => string | undefined = (written) => written,
): { parsed: ParsedConfig; diagnostics: Diagnostic[] } => {
  const root = yaml.document.contents as Node | null;
  const diagnostics: Diagnostic[] = [...checkNode(yaml, root, root, 'the config', configSchema)];
  const entries = mapEntries(yaml, root);
  const region = stringAt(yaml, entries, 'region') || undefined;
  const effectiveRegion = regionOf(region);
  const masterRoleWritten = stringAt(yaml, entries, 'master_account_role') ?? DEFAULT_DEPLOYER_ROLE;
  const masterArn = parseRoleArn(masterRoleWritten);
  const partition = effectiveRegion ? partitionOfRegion(effectiveRegion) : (masterArn?.partition ?? 'aws');
  const masterAccountId = stringAt(yaml, entries, 'master_account_id') ?? '';
  if (masterArn && /^\d{12}$/.test(masterAccountId) && masterArn.accountId !== masterAccountId) {
    diagnostics.push(
      error(
        positionOf(yaml, entryAt(entries, 'master_account_role')?.valueNode ?? root),
        `master_account_role is in account ${masterArn.accountId}, not in the master account ${masterAccountId}.`,
        `Write the role's name (\`master_account_role: ${masterArn.name}\`) or an ARN in account ${masterAccountId}.`,
      ),
    );
  }
  const defaults = {
    partition,
    roleName: roleNameOf(masterRoleWritten),
    assume: (stringAt(yaml, entries, 'assume') as AssumeMode | undefined) ?? 'chain',
  };
  const accountNodes = seqItems(yaml, entryAt(entries, 'assumable_accounts')?.valueNode ?? null);
  const accounts = accountNodes
    .map((node) => readAccount(yaml, node, defaults, diagnostics))
    .filter((a): a is AccountConfig => a !== undefined);
  const field = (node: Node | null, key: string): Node | null =>
    mapEntries(yaml, node).find((e) => e.key === key)?.valueNode ?? null;
  const withValue = (key: string) =>
    accountNodes
      .map((node) => ({ node: field(node, key) }))
      .filter((x) => kindOf(yaml, x.node) === 'string')
      .map((x) => ({ node: x.node, value: String(scalarValue(yaml, x.node)) }));
  diagnostics.push(
    ...duplicates(
      yaml,
      withValue('name'),
      'account name',
      'Give every account its own name, different in more than letter case; it is part of the IAM group names.',
    ),
    ...duplicates(yaml, withValue('account_id'), 'account id', 'List each AWS account once.'),
  );

  const parameters: Record<string, string> = {};
  const parameterPositions = new Map<string, Position>();
  for (const entry of mapEntries(yaml, entryAt(entries, 'parameters')?.valueNode ?? null)) {
    const value = scalarValue(yaml, entry.valueNode);
    if (value === undefined || value === null || typeof value === 'object') continue;
    parameters[entry.key] = String(value);
    parameterPositions.set(entry.key, positionOf(yaml, entry.keyNode));
  }

  // Every file key goes through the one check: a path outside the repository is never read.
  const reference = (key: FileKey): FileReference | undefined => {
    const checked = fileReference(yaml, key, entryAt(entries, key));
    diagnostics.push(...checked.diagnostics);
    return checked.reference;
  };
  const transformsAllowed: NameAt[] = seqItems(yaml, entryAt(entries, 'allow_transforms')?.valueNode ?? null)
    .filter((node) => kindOf(yaml, node) === 'string')
    .map((node) => ({ name: String(scalarValue(yaml, node)), position: positionOf(yaml, node) }));
  const template = reference('assumable_roles');
  const users = reference('users');
  const teams = reference('teams');
  const config: RoleModelConfig = {
    file: yaml.file,
    templateFile: template?.path ?? '',
    usersFile: users?.path,
    teamsFile: teams?.path,
    stackName: stringAt(yaml, entries, 'stack_name') ?? DEFAULT_STACK_NAME,
    masterAccountId,
    masterRoleArn: deployerArn(partition, masterAccountId, masterRoleWritten),
    region,
    partition,
    accounts,
    parameters,
    allowTransforms: transformsAllowed.map((t) => t.name),
    approvals: approvalsOf(yaml, entryAt(entries, 'approvals')?.valueNode ?? null),
    grants: grantPolicyOf(yaml, entries),
  };
  return {
    parsed: { config, template, users, teams, parameterPositions, transformsAllowed },
    diagnostics,
  };
};
