// What a group policy allows, reduced to the role ARNs it names: the part a reviewer checks.
import { pairKey } from '../access/pair.ts';
import type { GroupPlan, TeamGrants } from '../plan/types.ts';
import { cellCode } from './escape.ts';
import { listSome } from './markdown.ts';

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown): readonly unknown[] =>
  Array.isArray(value) ? (value as unknown[]) : [value];

/** The `Resource` strings of every statement; the document came from AWS, so anything goes. */
export const policyResources = (document: unknown): string[] => {
  if (!isRecord(document)) return [];
  return asList(document['Statement'])
    .filter(isRecord)
    .flatMap((statement) => asList(statement['Resource']))
    .filter((resource): resource is string => typeof resource === 'string');
};

const KNOWN_AFTER_APPLY = '_known after apply_';

const resourcesText = (resources: readonly string[]): string =>
  resources.length === 0 ? '_none_' : resources.map(cellCode).join(', ');

/** Grants shown in one cell before "and N more". */
const MAX_GRANTS = 8;

/** The pairs a team's policy gains and loses, and what it will grant; the ARNs are in plan-json. */
export const teamGrantsChange = (
  team: TeamGrants,
): { readonly added: string[]; readonly removed: string[]; readonly after: string[] } => {
  const before = new Set(team.pairsBefore.map(pairKey));
  const after = team.pairs.map(pairKey);
  const now = new Set(after);
  return {
    added: after.filter((k) => !before.has(k)),
    removed: [...before].filter((k) => !now.has(k)),
    after,
  };
};

const describeTeamPolicy = (group: GroupPlan, team: TeamGrants): string => {
  const { added, removed, after } = teamGrantsChange(team);
  const list = (keys: readonly string[]) => listSome(keys.map(cellCode), MAX_GRANTS);
  const later = group.policy?.afterApply ? ` (ARNs ${KNOWN_AFTER_APPLY})` : '';
  if (after.length === 0) return 'grants nothing: no policy';
  if (team.pairsBefore.length === 0) return `grants ${list(after)}${later}`;
  const parts = [
    ...(added.length > 0 ? [`+ ${list(added)}`] : []),
    ...(removed.length > 0 ? [`− ${list(removed)}`] : []),
  ];
  return parts.length > 0
    ? `${parts.join('; ')}${later}`
    : `grants the same ${after.length === 1 ? 'role' : `${after.length} roles`} (statement changes)${later}`;
};

/** `before → after` for a table cell. */
export const describePolicyChange = (group: GroupPlan): string => {
  if (group.action === 'delete') return 'deleted with the group';
  if (group.team !== undefined && group.policy !== undefined) return describeTeamPolicy(group, group.team);
  const policy = group.policy;
  if (policy === undefined) return 'unchanged';
  const before = policy.before === undefined ? [] : policyResources(policy.before);
  const unknownAfter = policy.afterApply || policy.after === undefined || group.roleArn === undefined;
  if (unknownAfter) return `${resourcesText(before)} → ${KNOWN_AFTER_APPLY}`;
  const after = policyResources(policy.after);
  const same = before.length === after.length && before.every((r, i) => r === after[i]);
  return same
    ? `${resourcesText(after)} (statement changes)`
    : `${resourcesText(before)} → ${resourcesText(after)}`;
};
