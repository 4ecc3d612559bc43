// The master account's groups applied in two passes: every group's narrowing (deletions,
// members taken out, stray policies removed) before any group's widening (created, policy
// written, members added). The calls are the plan's own, only ordered; a group whose narrowing
// failed is not widened.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { GroupPlan } from '../../core/plan/types.ts';
import { applyGroups } from './apply-groups.ts';
import type { GroupOutcome } from './apply-groups.ts';

/** The part of a group's change that only takes access away: a deletion, or its removals. */
const narrowingPart = (group: GroupPlan): GroupPlan | undefined => {
  if (group.action === 'delete') return group;
  if (group.action !== 'update' || group.membersToRemove.length + group.extraPolicies.length === 0)
    return undefined;
  return { ...group, membersToAdd: [], policy: undefined };
};

/** The rest: creating the group, writing its policy, adding members. */
const wideningPart = (group: GroupPlan): GroupPlan | undefined => {
  if (group.action === 'delete' || group.action === 'no-change') return undefined;
  if (group.action === 'create') return group;
  if (group.membersToAdd.length === 0 && group.policy === undefined) return undefined;
  return { ...group, membersToRemove: [], extraPolicies: [] };
};

/**
 * Every group's narrowing before any group's widening: a person moved from one group to
 * another (from pair groups to a team, say) is never in both at once, so that IAM's limit of
 * groups per user and per account is met exactly as the plan counted it, whatever the timing.
 */
export const applyNarrowingFirst = async (
  client: IAMClient,
  groups: readonly GroupPlan[],
  concurrency: number,
  log: (line: string) => void,
): Promise<GroupOutcome[]> => {
  const first = await applyGroups(
    client,
    groups.flatMap((g) => narrowingPart(g) ?? []),
    concurrency,
    log,
  );
  const failed = new Set(first.filter((o) => !o.ok).map((o) => o.group));
  const second = await applyGroups(
    client,
    groups.flatMap((g) => (failed.has(g.name) ? [] : (wideningPart(g) ?? []))),
    concurrency,
    log,
  );
  const outcomes = new Map<string, GroupOutcome>();
  for (const outcome of [...first, ...second]) {
    const earlier = outcomes.get(outcome.group);
    const calls = (earlier?.calls ?? 0) + outcome.calls;
    outcomes.set(outcome.group, earlier?.ok === false ? { ...earlier, calls } : { ...outcome, calls });
  }
  return [...outcomes.values()];
};
