// Desired state + observed state -> plan. Pure: the same inputs always give the same plan.
import { reviewAccess } from '../access/review.ts';
import type { PrivilegeInput } from '../access/types.ts';
import { assumeRolePolicy } from '../desired-state.ts';
import { countErrors, error } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Position } from '../diagnostics.ts';
import type { DesiredGroup, DesiredState, DesiredStack, UserEntry } from '../model.ts';
import type { ObservedAccount, ObservedGroup, ObservedMaster, StackReview } from '../observed.ts';
import { didYouMean } from '../suggest.ts';
import { accessDeltas } from '../access/effective.ts';
import { limitDiagnostics } from '../limits/limits.ts';
import { memberChanges } from './member-changes.ts';
import { samePolicy } from './policy.ts';
import { roleIndex } from './role-index.ts';
import type { RoleIndex } from './role-index.ts';
import { staleTeam, teamGroupPlan } from './team-groups.ts';
import type { GroupPlan, Plan, PlanSummary, RemovalOrigin, StackPlan } from './types.ts';

export interface PlanInput {
  readonly desired: DesiredState;
  readonly stackName: string;
  readonly accounts: readonly ObservedAccount[];
  readonly master: ObservedMaster;
  /** Group name -> members in the base branch's user map, to tell git removals from drift. */
  readonly baseMembers?: ReadonlyMap<string, ReadonlySet<string>>;
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

const removalOrigin = (group: string, user: string, base: PlanInput['baseMembers']): RemovalOrigin => {
  if (base === undefined) return 'unknown';
  return base.get(group)?.has(user) ? 'git' : 'drift';
};

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
    (user) => removalOrigin(group.name, user, input.baseMembers),
  );
  const before = observedGroup?.policies.find((p) => p.name === group.policyName)?.document;
  const after = roleArn === undefined ? undefined : assumeRolePolicy(roleArn);
  const policyChanges = after === undefined ? true : before === undefined || !samePolicy(before, after);
  const extraPolicies = sorted(
    (observedGroup?.policies ?? []).map((p) => p.name).filter((n) => n !== group.policyName),
  );
  const changed =
    !observedGroup ||
    policyChanges ||
    extraPolicies.length > 0 ||
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
    membersToAdd,
    membersToRemove,
    members,
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
    membersToAdd: [],
    membersToRemove: sorted(group.members).map((userName) => ({ userName, origin: 'git' as const })),
    members: [],
    ...(team === undefined ? {} : { team }),
  };
};

/** A group the files ask for: a pair group or a team's; where it is written, and its members. */
interface ListedGroup {
  readonly name: string;
  readonly path: string;
  readonly members: readonly UserEntry[];
  /** Where to report a problem with the group itself. */
  readonly position: Position | undefined;
  /** What to rename in the files to give it another name. */
  readonly renameHint: string;
}

const listedGroups = (desired: DesiredState): ListedGroup[] => [
  ...desired.groups.map((g) => ({
    name: g.name,
    path: g.path,
    members: g.members,
    position: g.members[0]?.position,
    renameHint: `rename the account "${g.accountName}" in the config`,
  })),
  ...desired.teams.map((t) => ({
    name: t.name,
    path: t.path,
    members: t.members,
    position: t.position,
    renameHint: `rename the team "${t.team}"`,
  })),
];

const unknownUsers = (desired: DesiredState, master: ObservedMaster): Diagnostic[] => {
  const known = sorted(master.users);
  return listedGroups(desired).flatMap((group) =>
    group.members
      .filter((m) => !master.users.has(m.userName))
      .map((m) =>
        error(
          m.position,
          `IAM user "${m.userName}" does not exist in the master account ${master.accountId}.${didYouMean(m.userName, known)}`,
          'RoleModel never creates users: create the user in IAM first, or fix the name.',
        ),
      ),
  );
};

/** IAM group names are unique across paths: a same-named group elsewhere blocks CreateGroup. */
const nameCollisions = (desired: DesiredState, master: ObservedMaster, configFile: string): Diagnostic[] => {
  const taken = new Set([...master.unmanagedGroupNames].map((n) => n.toLowerCase()));
  return listedGroups(desired)
    .filter((g) => taken.has(g.name.toLowerCase()))
    .map((g) =>
      error(
        g.position ?? { file: configFile, line: 1, column: 1 },
        `The master account already has a group named "${g.name}" outside ${g.path}; RoleModel never touches it, so it cannot create its own.`,
        `Rename or remove that group in IAM, or ${g.renameHint}.`,
      ),
    );
};

/**
 * A managed group whose name differs from a desired one only in letter case is the same group
 * to IAM, but not the one the files name: it is never adopted (its members and policy would pass
 * silently to the other spelling) and never deleted; the plan is in error until one side is renamed.
 */
const caseVariants = (desired: DesiredState, master: ObservedMaster): Map<string, ObservedGroup> => {
  const exact = new Set(listedGroups(desired).map((g) => g.name));
  const variants = new Map<string, ObservedGroup>();
  for (const group of master.groups)
    if (!exact.has(group.name)) variants.set(group.name.toLowerCase(), group);
  return variants;
};

const caseClashes = (
  desired: DesiredState,
  variants: ReadonlyMap<string, ObservedGroup>,
  configFile: string,
): Diagnostic[] =>
  listedGroups(desired).flatMap((g) => {
    const existing = variants.get(g.name.toLowerCase());
    if (existing === undefined) return [];
    return [
      error(
        g.position ?? { file: configFile, line: 1, column: 1 },
        `The master account has a group "${existing.name}" under ${existing.path}, which IAM takes for "${g.name}" (names ignore letter case): RoleModel neither adopts it nor creates "${g.name}".`,
        `Write the name in the files exactly as that group has it, or rename or delete the group "${existing.name}" in IAM.`,
      ),
    ];
  });

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
      (g) => g.action !== 'create' && g.action !== 'delete' && (g.policy || g.extraPolicies.length > 0),
    ).length,
    membersAdded: groups.reduce((n, g) => n + g.membersToAdd.length, 0),
    membersRemoved: removals.length,
    driftRemovals: removals.filter((r) => r.origin === 'drift').length,
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
    ...desired.teams.map((team) =>
      teamGroupPlan(team, observedGroups.get(team.name), {
        partition: desired.partition,
        stackName: input.stackName,
        arnOf: (pair) => arnOf(pair.account, { roleArn: pair.roleArn, logicalId: pair.role }),
        index,
        existingUsers: master.users,
        originOf: (group, user) => removalOrigin(group, user, input.baseMembers),
      }),
    ),
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
