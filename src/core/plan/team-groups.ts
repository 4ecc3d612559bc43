// The plan of a team's group: its members as for any group, and its one policy allowing every
// pair it grants, written once every role's ARN is known (after the stacks, for roles that
// CloudFormation names). What it grants before and after the plan is part of the plan, so
// that effective access sees a team that gains an account as a gain for each of its members.
import type { Pair } from '../access/pair.ts';
import { roleArn } from '../arn.ts';
import type { DesiredTeamGroup, DesiredTeamPair, Partition } from '../model.ts';
import type { ObservedGroup } from '../observed.ts';
import { generatedRoleName, policySize, teamPolicy } from '../teams/policy.ts';
import { teamOfGroup } from '../teams/names.ts';
import { memberChanges } from './member-changes.ts';
import { samePolicy } from './policy.ts';
import { pairsOfPolicies } from './role-index.ts';
import type { RoleIndex } from './role-index.ts';
import type { GroupPlan, RemovalOrigin } from './types.ts';

export interface TeamPlanContext {
  readonly partition: Partition;
  readonly stackName: string;
  /** The ARN of a pair's role when it is known before apply. */
  readonly arnOf: (pair: DesiredTeamPair) => string | undefined;
  readonly index: RoleIndex;
  readonly existingUsers: ReadonlySet<string>;
  readonly originOf: (user: string) => RemovalOrigin;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));

const pairOf = (p: DesiredTeamPair): Pair => ({ account: p.account, role: p.role });

/** The policy's size with the longest generated names standing in for the ARNs not known yet. */
const estimatedSize = (team: DesiredTeamGroup, context: TeamPlanContext): number =>
  policySize(
    teamPolicy(
      context.partition,
      team.pairs.map((p) => ({
        accountId: p.accountId,
        role: p.role,
        arn:
          context.arnOf(p) ??
          roleArn(context.partition, p.accountId, p.rolePath, generatedRoleName(context.stackName, p.role)),
      })),
    ) ?? {},
  );

export const teamGroupPlan = (
  team: DesiredTeamGroup,
  observed: ObservedGroup | undefined,
  context: TeamPlanContext,
): GroupPlan => {
  const members = memberChanges(
    team.members,
    observed?.members ?? [],
    context.existingUsers,
    context.originOf,
  );
  const arns = team.pairs.map((p) => context.arnOf(p));
  const known = arns.every((a) => a !== undefined);
  const after = known
    ? teamPolicy(
        context.partition,
        team.pairs.map((p, i) => ({ accountId: p.accountId, role: p.role, arn: arns[i] ?? '' })),
      )
    : undefined;
  const before = observed?.policies.find((p) => p.name === team.policyName)?.document;
  // A team that grants nothing has no policy: one left from before is removed as an extra.
  const writes = !known || after !== undefined;
  const policyChanges =
    !known || (after !== undefined && (before === undefined || !samePolicy(before, after)));
  const extraPolicies = sorted(
    (observed?.policies ?? []).map((p) => p.name).filter((n) => !writes || n !== team.policyName),
  );
  const changed =
    !observed ||
    policyChanges ||
    extraPolicies.length > 0 ||
    members.membersToAdd.length > 0 ||
    members.membersToRemove.length > 0;
  return {
    name: team.name,
    path: team.path,
    accountName: undefined,
    roleLogicalId: undefined,
    action: !observed ? 'create' : changed ? 'update' : 'no-change',
    roleArn: undefined,
    policyName: team.policyName,
    policy: policyChanges ? { before, after, afterApply: !known } : undefined,
    extraPolicies,
    ...members,
    team: {
      name: team.team,
      pairs: team.pairs.map(pairOf),
      pairsBefore: observed === undefined ? [] : pairsOfPolicies(observed.policies, context.index),
      ...(known ? {} : { estimatedPolicySize: estimatedSize(team, context) }),
    },
  };
};

/** What a team's group that is no longer in the files granted: read from its policies. */
export const staleTeam = (group: ObservedGroup, index: RoleIndex): GroupPlan['team'] => {
  const name = teamOfGroup(group.name);
  return name === undefined
    ? undefined
    : { name, pairs: [], pairsBefore: pairsOfPolicies(group.policies, index) };
};
