// What a group policy allows, reduced to the role ARNs it names: the part a reviewer checks.
import type { GroupPlan } from '../plan/types.ts';
import { cellCode } from './escape.ts';

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

/** `before → after` for a table cell. */
export const describePolicyChange = (group: GroupPlan): string => {
  if (group.action === 'delete') return 'deleted with the group';
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
