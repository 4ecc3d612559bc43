// Desired state + observed state -> plan. Pure: the same inputs always give the same plan.
import { reviewAccess } from '../access/review.ts';
import type { PrivilegeInput } from '../access/types.ts';
import { assumeRolePolicy } from '../desired-state.ts';
import { countErrors } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { DesiredGroup, DesiredState, DesiredStack, GrantEnd, UserEntry } from '../model.ts';
import type { ObservedAccount, ObservedGroup, ObservedMaster, StackReview } from '../observed.ts';
import { accessDeltas } from '../access/effective.ts';
import { attachedPolicyLevel } from '../privilege/attached.ts';
import { sameEnd } from '../users/grant-end.ts';
import { caseClashes, caseVariants, listedGroups, nameCollisions, unknownUsers } from './group-problems.ts';
import { limitDiagnostics } from '../limits/limits.ts';
import { memberChanges } from './member-changes.ts';
import { samePolicy } from './policy.ts';
import { roleIndex } from './role-index.ts';
import type { RoleIndex } from './role-index.ts';
import { pairHeldBefore } from './pair-held.ts';
import { staleTeam, teamGroupPlan } from './team-groups.ts';
import type {
  ExpiredGrant,
  GroupPlan,
  ManagedPolicyDetach,
  MemberTerm,
  Plan,
  PlanSummary,
  RemovalOrigin,
  StackPlan,
} from './types.ts';

export interface PlanInput {
  readonly desired: DesiredState;
  readonly stackName: string;
  readonly accounts: readonly ObservedAccount[];
  readonly master: ObservedMaster;
  /** Group name -> members in the base branch's user map, to tell git removals from drift. */
  readonly baseMembers?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Group name -> user -> the end of their grant in the base branch's user map (undefined: none). */
  readonly baseEnds?: ReadonlyMap<string, ReadonlyMap<string, GrantEnd | undefined>>;
  readonly configFile: string;
  /** The roles of the template (and of the base branch's), analysed: adds `access` to the plan. */
  readonly privileges?: PrivilegeInput;
}

const sorted = (values: Iterable<string>): string[] => [...values].sort((a, b) => a.localeCompare(b));

const stackPlan = (stack: DesiredStack, observed: ObservedAccount | undefined): StackPlan => {
  const review: StackReview = observed?.review ?? { kind: 'error', reason: 'The account was not read.' };
  const changes =
    review.kind === 'create' || review.kind === 'update' || review.kind === 'recreate' ? review.changes : [];
  const replacedRoles = changes
    .filter((c) => c.resourceType === 'AWS::IAM::Role' && c.action === 'Modify' && c.replacement === 'True')
    .map((c) => c.logicalId);
  return {
    accountName: stack.accountName,
    accountId: stack.accountId,
    stackName: stack.stackName,
    action: review.kind,
    currentStatus: observed?.stackStatus,
    changes,
    replacedRoles,
    reason:
      review.kind === 'blocked' || review.kind === 'error' || review.kind === 'recreate'
        ? review.reason
        : undefined,
    comparedWithDeployed: review.kind === 'no-change' && review.comparedWithDeployed === true,
  };
};

/** The role's ARN when it is known before apply: literal in the template, or read from a stack that keeps it. */
const knownRoleArn = (
  role: { readonly roleArn: string | undefined; readonly logicalId: string },
  observed: ObservedAccount | undefined,
  plan: StackPlan | undefined,
): string | undefined => {
  if (role.roleArn !== undefined) return role.roleArn;
  if (!plan || !observed || plan.action === 'recreate' || plan.action === 'create') return undefined;
  const changed = plan.changes.some(
    (c) =>
      c.logicalId === role.logicalId &&
      (c.action === 'Add' || c.action === 'Remove' || c.replacement === 'True'),
  );
  if (changed) return undefined;
  return observed.roles.find((r) => r.logicalId === role.logicalId)?.arn;
};

/** Every managed policy attached to the group, with what it grants: all of them are detached. */
const managedPoliciesOf = (group: ObservedGroup | undefined): ManagedPolicyDetach[] =>
  [...(group?.attachedPolicies ?? [])]
    .sort((a, b) => a.arn.localeCompare(b.arn))
    .map((p) => ({ arn: p.arn, name: p.name, ...attachedPolicyLevel(p) }));

/** `expired`: the group's (or team's) entries whose grant has ended. */
const removalOrigin = (
  group: { readonly name: string; readonly expired: readonly UserEntry[] },
  user: string,
  base: PlanInput['baseMembers'],
): RemovalOrigin => {
  // Still listed, but the grant has ended: the reviewed end date is why it goes.
  if (group.expired.some((e) => e.userName === user)) return 'expired';
  if (base === undefined) return 'unknown';
  return base.get(group.name)?.has(user) ? 'git' : 'drift';
};

/** The member's end, and what it was on the base branch when the change alters it. */
const termOf = (group: string, entry: UserEntry, input: PlanInput): MemberTerm | undefined => {
  const baseGroup = input.baseEnds?.get(group);
  const altered =
    baseGroup?.has(entry.userName) === true && !sameEnd(baseGroup.get(entry.userName), entry.until);
  if (entry.until === undefined && !altered) return undefined;
  const before = baseGroup?.get(entry.userName);
  return {
    userName: entry.userName,
    ...(entry.until === undefined ? {} : { until: entry.until }),
    ...(entry.reason === undefined ? {} : { reason: entry.reason }),
    ...(altered ? { changedFrom: before === undefined ? {} : { until: before } } : {}),
  };
};

/** A group's (or team's) members whose grant ends or whose end changes, and its entries that have ended. */
const termsOf = (
  group: {
    readonly name: string;
    readonly members: readonly UserEntry[];
    readonly expired: readonly UserEntry[];
  },
  existingUsers: ReadonlySet<string>,
  input: PlanInput,
): Pick<GroupPlan, 'terms' | 'expired'> => ({
  terms: group.members
    .filter((m) => existingUsers.has(m.userName))
    .flatMap((m) => termOf(group.name, m, input) ?? [])
    .sort((a, b) => a.userName.localeCompare(b.userName)),
  expired: expiredOf(group),
});

const expiredOf = (group: { readonly expired: readonly UserEntry[] }): ExpiredGrant[] =>
  group.expired.flatMap((e) =>
    e.until === undefined
      ? []
      : [
          {
            userName: e.userName,
            until: e.until,
            ...(e.reason === undefined ? {} : { reason: e.reason }),
            position: e.position,
          },
        ],
  );

const desiredGroupPlan = (
  group: DesiredGroup,
  observedGroup: ObservedGroup | undefined,
  roleArn: string | undefined,
  existingUsers: ReadonlySet<string>,
  input: PlanInput,
): GroupPlan => {
  const { membersToAdd, membersToRemove, members } = memberChanges(
    group.members,
    observedGroup?.members ?? [],
    existingUsers,
    (user) => removalOrigin(group, user, input.baseMembers),
  );
  const before = observedGroup?.policies.find((p) => p.name === group.policyName)?.document;
  const after = roleArn === undefined ? undefined : assumeRolePolicy(roleArn);
  const policyChanges = after === undefined ? true : before === undefined || !samePolicy(before, after);
  const extraPolicies = sorted(
    (observedGroup?.policies ?? []).map((p) => p.name).filter((n) => n !== group.policyName),
  );
  const managedPolicies = managedPoliciesOf(observedGroup);
  const changed =
    !observedGroup ||
    policyChanges ||
    extraPolicies.length > 0 ||
    managedPolicies.length > 0 ||
    membersToAdd.length > 0 ||
    membersToRemove.length > 0;
  return {
    name: group.name,
    path: group.path,
    accountName: group.accountName,
    roleLogicalId: group.roleLogicalId,
    action: !observedGroup ? 'create' : changed ? 'update' : 'no-change',
    roleArn,
    policyName: group.policyName,
    policy: policyChanges ? { before, after, afterApply: after === undefined } : undefined,
    extraPolicies,
    ...(managedPolicies.length > 0 ? { managedPolicies } : {}),
    membersToAdd,
    membersToRemove,
    members,
    ...termsOf(group, existingUsers, input),
    // Said only when AWS grants no role in the account: the group's members gain its pair.
    ...(observedGroup === undefined || pairHeldBefore(group.accountId, observedGroup)
      ? {}
      : { pairsBefore: [] }),
  };
};

export const staleGroupPlan = (group: ObservedGroup, index: RoleIndex = new Map()): GroupPlan => {
  const team = staleTeam(group, index);
  const dot = team === undefined ? group.name.lastIndexOf('.') : -1;
  return {
    name: group.name,
    path: group.path,
    accountName: dot > 0 ? group.name.slice(0, dot) : undefined,
    roleLogicalId: dot > 0 ? group.name.slice(dot + 1) : undefined,
    action: 'delete',
    roleArn: undefined,
    policyName: `${group.name}-Policy`,
    policy: undefined,
    extraPolicies: sorted(group.policies.map((p) => p.name)),
    ...(group.attachedPolicies?.length ? { managedPolicies: managedPoliciesOf(group) } : {}),
    membersToAdd: [],
    membersToRemove: sorted(group.members).map((userName) => ({ userName, origin: 'git' as const })),
    members: [],
    ...(team === undefined ? {} : { team }),
  };
};

export const summarize = (
  stacks: readonly StackPlan[],
  groups: readonly GroupPlan[],
  diagnostics: readonly Diagnostic[],
): PlanSummary => {
  const changingStacks = stacks.filter(
    (s) => s.action === 'create' || s.action === 'update' || s.action === 'recreate',
  );
  const accountsChanging = new Set([
    ...changingStacks.map((s) => s.accountName),
    ...groups
      .filter((g) => g.action !== 'no-change' && g.accountName !== undefined)
      .map((g) => g.accountName ?? ''),
  ]);
  const removals = groups.flatMap((g) => g.membersToRemove);
  return {
    accountsChanging: accountsChanging.size,
    stacksCreated: stacks.filter((s) => s.action === 'create').length,
    stacksUpdated: stacks.filter((s) => s.action === 'update').length,
    stacksRecreated: stacks.filter((s) => s.action === 'recreate').length,
    stacksBlocked: stacks.filter((s) => s.action === 'blocked' || s.action === 'error').length,
    resourceChanges: changingStacks.reduce((n, s) => n + s.changes.length, 0),
    rolesReplaced: stacks.reduce((n, s) => n + s.replacedRoles.length, 0),
    groupsCreated: groups.filter((g) => g.action === 'create').length,
    groupsDeleted: groups.filter((g) => g.action === 'delete').length,
    policiesChanged: groups.filter(
      (g) =>
        g.action !== 'create' &&
        g.action !== 'delete' &&
        (g.policy || g.extraPolicies.length > 0 || (g.managedPolicies?.length ?? 0) > 0),
    ).length,
    membersAdded: groups.reduce((n, g) => n + g.membersToAdd.length, 0),
    membersRemoved: removals.length,
    driftRemovals: removals.filter((r) => r.origin === 'drift').length,
    expiredRemovals: removals.filter((r) => r.origin === 'expired').length,
    endsChanged: groups.reduce(
      (n, g) => n + (g.terms ?? []).filter((t) => t.changedFrom !== undefined).length,
      0,
    ),
    usersWithAccessChanges: accessDeltas(groups).length,
    errors: countErrors(diagnostics),
  };
};

export const plan = (input: PlanInput): Plan => {
  const { desired, master } = input;
  const observedByName = new Map(input.accounts.map((a) => [a.accountName, a]));
  const stacks = desired.stacks.map((s) => stackPlan(s, observedByName.get(s.accountName)));
  const stackByName = new Map(stacks.map((s) => [s.accountName, s]));
  // Adopted only by exact name; IAM ignores case, so a variant is neither adopted nor stale.
  const observedGroups = new Map(master.groups.map((g) => [g.name, g]));
  const desiredNames = new Set(listedGroups(desired).map((g) => g.name.toLowerCase()));
  const variants = caseVariants(desired, master);
  const arnOf = (
    account: string,
    role: { readonly roleArn: string | undefined; readonly logicalId: string },
  ) => knownRoleArn(role, observedByName.get(account), stackByName.get(account));
  const index = roleIndex(input.accounts);
  const groups: GroupPlan[] = [
    ...desired.groups.map((group) => {
      const arn = arnOf(group.accountName, { roleArn: group.roleArn, logicalId: group.roleLogicalId });
      return desiredGroupPlan(group, observedGroups.get(group.name), arn, master.users, input);
    }),
    ...desired.teams.map((team): GroupPlan => ({
      ...teamGroupPlan(team, observedGroups.get(team.name), {
        partition: desired.partition,
        stackName: input.stackName,
        arnOf: (pair) => arnOf(pair.account, { roleArn: pair.roleArn, logicalId: pair.role }),
        index,
        existingUsers: master.users,
        originOf: (user) => removalOrigin(team, user, input.baseMembers),
      }),
      ...termsOf(team, master.users, input),
    })),
    ...master.groups
      .filter((g) => !desiredNames.has(g.name.toLowerCase()))
      .map((g) => staleGroupPlan(g, index)),
  ];
  const diagnostics = [
    ...unknownUsers(desired, master),
    ...nameCollisions(desired, master, input.configFile),
    ...caseClashes(desired, variants, input.configFile),
    ...limitDiagnostics({ desired, master, accounts: input.accounts, groups, configFile: input.configFile }),
  ];
  const summary = summarize(stacks, groups, diagnostics);
  const hasChanges =
    stacks.some((s) => s.action === 'create' || s.action === 'update' || s.action === 'recreate') ||
    groups.some((g) => g.action !== 'no-change');
  return {
    at: desired.at,
    stackName: input.stackName,
    masterAccountId: desired.masterAccountId,
    stacks,
    groups,
    diagnostics,
    summary,
    hasChanges,
    ...(input.privileges === undefined ? {} : { access: reviewAccess(groups, input.privileges) }),
  };
};
