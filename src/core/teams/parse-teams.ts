// The teams file: team name -> members and grants (account or '*' -> roles). Checked like the
// user map, against the config's accounts and the template's roles, so that a typo cannot
// silently grant nothing; members are read like the user map's entries (a name, or
// `{ user, until, reason }` for a membership that ends by itself).
import { error, notice } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { EVERY_ACCOUNT } from '../model.ts';
import type { GrantPolicy, Team, TeamGrantLine, TeamRoleRef, Teams } from '../model.ts';
import { parseGrantEntries } from '../users/grant-entry.ts';
import { nameClashes } from '../name-clashes.ts';
import { checkNode } from '../schema/check.ts';
import { didYouMean } from '../suggest.ts';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems } from '../yaml/nodes.ts';
import type { YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import { teamGroupName } from './names.ts';
import { teamsSchema } from './schema.ts';

export interface TeamsContext {
  readonly configFile: string;
  readonly accountNames: readonly string[];
  readonly templateFile: string;
  /** Empty when the template could not be read: roles are then not checked. */
  readonly roleIds: readonly string[];
  /** The config's rules for grants that end (`require_reason`). */
  readonly policy: GrantPolicy;
}

const stringItems = (yaml: YamlFile, node: Node | null): { value: string; node: Node | null }[] =>
  seqItems(yaml, node)
    .filter((item) => kindOf(yaml, item) === 'string')
    .map((item) => ({ value: String(scalarValue(yaml, item)), node: item }));

const readGrantLine = (
  yaml: YamlFile,
  team: string,
  entry: { key: string; keyNode: Node | null; valueNode: Node | null },
  context: TeamsContext,
  out: Diagnostic[],
): TeamGrantLine => {
  const position = positionOf(yaml, entry.keyNode);
  if (entry.key !== EVERY_ACCOUNT && !context.accountNames.includes(entry.key)) {
    out.push(
      error(
        position,
        `Account "${entry.key}" of team ${team} is not in ${context.configFile}.${didYouMean(entry.key, context.accountNames)}`,
        `Use one of the accounts of assumable_accounts (${[...new Set(context.accountNames)].join(', ') || 'none'}), '${EVERY_ACCOUNT}' for all of them, or add the account there.`,
      ),
    );
  }
  const roles: TeamRoleRef[] = [];
  for (const item of stringItems(yaml, entry.valueNode)) {
    const at = positionOf(yaml, item.node);
    if (context.roleIds.length > 0 && !context.roleIds.includes(item.value)) {
      out.push(
        error(
          at,
          `Role "${item.value}" of team ${team} is not an AWS::IAM::Role of ${context.templateFile}.${didYouMean(item.value, context.roleIds)}`,
          `Use the logical id of one of its roles: ${context.roleIds.join(', ')}.`,
        ),
      );
      continue;
    }
    const earlier = roles.find((r) => r.role === item.value);
    if (earlier !== undefined) {
      out.push(
        error(
          at,
          `Role ${item.value} is listed twice for ${entry.key} in team ${team} (also at line ${earlier.position.line}).`,
          'Remove one of the two entries.',
        ),
      );
      continue;
    }
    roles.push({ role: item.value, position: at });
  }
  return { account: entry.key, roles, position };
};

/** A role granted in one account that the team's `'*'` line grants there anyway. */
const redundantLines = (team: string, grants: readonly TeamGrantLine[]): Diagnostic[] => {
  const everywhere = grants.find((g) => g.account === EVERY_ACCOUNT);
  if (everywhere === undefined) return [];
  return grants
    .filter((g) => g.account !== EVERY_ACCOUNT)
    .flatMap((line) =>
      line.roles
        .filter((r) => everywhere.roles.some((e) => e.role === r.role))
        .map((r) =>
          notice(
            r.position,
            `Team ${team} grants ${r.role} in every account ('${EVERY_ACCOUNT}', line ${everywhere.position.line}); listing it for ${line.account} changes nothing.`,
            'Remove this entry.',
          ),
        ),
    );
};

export const parseTeams = (
  yaml: YamlFile,
  context: TeamsContext,
): { teams: Teams; diagnostics: Diagnostic[] } => {
  const root = yaml.document.contents as Node | null;
  const diagnostics: Diagnostic[] = [...checkNode(yaml, root, root, '', teamsSchema)];
  const teams: Team[] = [];
  for (const entry of mapEntries(yaml, root)) {
    const fields = mapEntries(yaml, entry.valueNode);
    const field = (key: string): Node | null => fields.find((f) => f.key === key)?.valueNode ?? null;
    const members = parseGrantEntries(yaml, field('members'), {
      where: `team ${entry.key}`,
      policy: context.policy,
      configFile: context.configFile,
    });
    diagnostics.push(...members.diagnostics);
    const grants = mapEntries(yaml, field('grants')).map((line) =>
      readGrantLine(yaml, entry.key, line, context, diagnostics),
    );
    diagnostics.push(...redundantLines(entry.key, grants));
    teams.push({
      name: entry.key,
      position: positionOf(yaml, entry.keyNode),
      members: members.entries,
      grants,
    });
  }
  diagnostics.push(
    ...nameClashes(
      teams.map((t) => ({ name: t.name, position: t.position })),
      'team name',
      `Give every team its own name, different in more than letter case: it names the team's IAM group (\`${teamGroupName('<name>')}\`).`,
    ),
  );
  return { teams, diagnostics };
};
