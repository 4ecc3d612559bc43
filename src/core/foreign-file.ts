// A path in the config may name a file that is not the kind it should be: a workflow, notes,
// a credentials file an earlier step wrote into the workspace. Checking such a file key by
// key would quote its keys and values into annotations and the pull request's comment, so a
// file that does not look like what it should be gets one error that quotes nothing of it,
// and nothing else of it is checked.
import { configSchema } from './config/schema.ts';
import { error } from './diagnostics.ts';
import { closest } from './suggest.ts';
import type { Diagnostic } from './diagnostics.ts';
import { kindOf, mapEntries } from './yaml/nodes.ts';
import type { YamlFile } from './yaml/nodes.ts';
import type { Node } from 'yaml';

const rootOf = (yaml: YamlFile): Node | null => yaml.document.contents as Node | null;

const foreign = (yaml: YamlFile, what: string, why: string, hint: string): Diagnostic =>
  error({ file: yaml.file, line: 1, column: 1 }, `${yaml.file} is not ${what}: ${why}.`, hint);

/** A mapping with none of the config's keys (a list or a scalar gets the schema's own error). */
export const foreignConfig = (yaml: YamlFile): Diagnostic | undefined => {
  const root = rootOf(yaml);
  if (kindOf(yaml, root) !== 'map') return undefined;
  const known = new Set([...Object.keys(configSchema.properties), ...Object.keys(configSchema.legacy ?? {})]);
  if (mapEntries(yaml, root).some((e) => known.has(e.key))) return undefined;
  return foreign(
    yaml,
    'a RoleModel config',
    'none of its keys is a key of the config',
    'Set the `config` input to the RoleModel config file (it has `assumable_roles`, `master_account_id` and `assumable_accounts`).',
  );
};

/** A mapping with neither `Resources` nor `AWSTemplateFormatVersion`. */
export const foreignTemplate = (yaml: YamlFile): Diagnostic | undefined => {
  const root = rootOf(yaml);
  if (kindOf(yaml, root) !== 'map') return undefined;
  const keys = mapEntries(yaml, root).map((e) => e.key);
  if (keys.includes('Resources') || keys.includes('AWSTemplateFormatVersion')) return undefined;
  return foreign(
    yaml,
    'a CloudFormation template',
    'it has no `Resources` section',
    'Point `assumable_roles` at the template that defines the roles (see samples/roles.yml).',
  );
};

/** `account: { Role: [users] }`: every value a mapping whose values are lists (or empty). */
const shapedLikeUserMap = (yaml: YamlFile, root: Node | null): boolean =>
  mapEntries(yaml, root).every(
    (account) =>
      kindOf(yaml, account.valueNode) === 'map' &&
      mapEntries(yaml, account.valueNode).every((role) => {
        const kind = kindOf(yaml, role.valueNode);
        return kind === 'seq' || kind === 'null';
      }),
  );

/** A mapping that names none of the config's accounts and is not shaped like a user map. */
export const foreignUserMap = (yaml: YamlFile, accountNames: readonly string[]): Diagnostic | undefined => {
  const root = rootOf(yaml);
  if (kindOf(yaml, root) !== 'map') return undefined;
  const accounts = new Set(accountNames.map((n) => n.toLowerCase()));
  if (mapEntries(yaml, root).some((e) => accounts.has(e.key.toLowerCase()))) return undefined;
  if (shapedLikeUserMap(yaml, root)) return undefined;
  return foreign(
    yaml,
    'a RoleModel user map',
    'it names none of the accounts of the config and is not a mapping of account -> role -> users',
    'Point `users` at the user map, e.g. `prod: { AdminRole: [alice] }`.',
  );
};

const TEAM_KEYS = ['members', 'grants'];

/**
 * A mapping none of whose entries is a team: a mapping with `members` or `grants` (or a key
 * close enough to be a typo of one, which the schema then reports).
 */
export const foreignTeams = (yaml: YamlFile): Diagnostic | undefined => {
  const root = rootOf(yaml);
  if (kindOf(yaml, root) !== 'map') return undefined;
  const entries = mapEntries(yaml, root);
  const teamLike = entries.some(
    (team) =>
      kindOf(yaml, team.valueNode) === 'map' &&
      mapEntries(yaml, team.valueNode).some((e) => closest(e.key, TEAM_KEYS) !== undefined),
  );
  if (entries.length === 0 || teamLike) return undefined;
  return foreign(
    yaml,
    'a RoleModel teams file',
    'none of its entries is a team with `members` and `grants`',
    "Point `teams` at the teams file, e.g. `sre: { members: [alice], grants: { '*': [AdminRole] } }`.",
  );
};
