// IAM's limits, checked in the plan against the quotas read from the accounts, so that apply
// never meets LimitExceeded halfway: each error sits on the line that causes it and says what
// to do instead. What is counted is the state once the plan is applied, as apply reaches it:
// it takes members out and deletes groups before it adds members and creates groups.
import { error, warning } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import type { DesiredState } from '../model.ts';
import type { ObservedAccount, ObservedMaster } from '../observed.ts';
import type { GroupPlan } from '../plan/types.ts';
import { policySize } from './policy-size.ts';
import { countText } from '../numbers.ts';

export interface LimitInput {
  readonly desired: DesiredState;
  readonly master: ObservedMaster;
  readonly accounts: readonly ObservedAccount[];
  readonly groups: readonly GroupPlan[];
  readonly configFile: string;
}

const n = countText;

const some = (items: readonly string[], max = 5): string =>
  items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} and ${n(items.length - max)} more`;

/** Every line of the files that puts `user` in a group: user map entries and team members. */
const linesOf = (desired: DesiredState, user: string): Position[] => [
  ...desired.groups.flatMap((g) => g.members.filter((m) => m.userName === user).map((m) => m.position)),
  ...desired.teams.flatMap((t) => t.members.filter((m) => m.userName === user).map((m) => m.position)),
];

/** Each user's groups once the plan is applied, RoleModel's and the others, against GroupsPerUserQuota. */
const groupsPerUser = (input: LimitInput, limit: number): Diagnostic[] => {
  const planned = new Set(input.groups.map((g) => g.name));
  const managedAfter = new Map<string, string[]>();
  const add = (user: string, group: string) =>
    managedAfter.set(user, [...(managedAfter.get(user) ?? []), group]);
  for (const g of input.groups) if (g.action !== 'delete') for (const user of g.members) add(user, g.name);
  // Managed groups the plan leaves alone (a name that differs from the files' only in case).
  for (const g of input.master.groups)
    if (!planned.has(g.name)) for (const user of g.members) add(user, g.name);
  const users = new Set([...managedAfter.keys(), ...(input.master.unmanagedGroupsOfUser?.keys() ?? [])]);
  return [...users].sort().flatMap((user) => {
    const managed = managedAfter.get(user) ?? [];
    const others = input.master.unmanagedGroupsOfUser?.get(user) ?? [];
    const total = managed.length + others.length;
    if (total <= limit) return [];
    const outside = others.length === 0 ? '' : `, and ${n(others.length)} outside it: ${some(others)}`;
    return linesOf(input.desired, user).map((at) =>
      error(
        at,
        `${user} would be in ${n(total)} IAM groups once this plan is applied (${n(managed.length)} under the RoleModel path${outside}); IAM allows ${n(limit)} group${limit === 1 ? '' : 's'} per user (GroupsPerUserQuota), and apply would fail with LimitExceeded.`,
        `Take ${user} out of ${n(total - limit)} of them, or grant ${user}'s roles through a team (the config's \`teams\` file): a team is one group, however many accounts and roles it grants.`,
      ),
    );
  });
};

/** Where the files create a group: its account's line in the config, or its team's line. */
const sourceOf = (input: LimitInput, group: GroupPlan): Position | undefined => {
  if (group.team !== undefined) return input.desired.teams.find((t) => t.name === group.name)?.position;
  return input.desired.stacks.find((s) => s.accountName === group.accountName)?.accountPosition;
};

/** The master account's groups once the plan is applied (deleted ones freed first), against GroupsQuota. */
const groupsInAccount = (input: LimitInput, limit: number): Diagnostic[] => {
  const now = input.master.groups.length + input.master.unmanagedGroupNames.size;
  const created = input.groups.filter((g) => g.action === 'create');
  const deleted = input.groups.filter((g) => g.action === 'delete').length;
  const after = now - deleted + created.length;
  if (after <= limit) return [];
  const bySource = new Map<string, { at: Position; groups: string[] }>();
  for (const group of created) {
    const at = sourceOf(input, group) ?? { file: input.configFile, line: 1, column: 1 };
    const key = `${at.file}:${at.line}:${at.column}`;
    bySource.set(key, { at, groups: [...(bySource.get(key)?.groups ?? []), group.name] });
  }
  return [...bySource.values()].map(({ at, groups }) =>
    error(
      at,
      `The master account would have ${n(after)} IAM groups once this plan is applied (${n(now)} now, ${n(created.length)} created, ${n(deleted)} deleted); its quota (GroupsQuota) is ${n(limit)}, so apply would fail with LimitExceeded. This line adds ${n(groups.length)}: ${some(groups)}.`,
      `Create ${n(after - limit)} fewer: grant through teams (the config's \`teams\` file), one group per team instead of one per account and role; or ask AWS to raise the quota (Service Quotas, IAM, "Groups per account", up to 500).`,
    ),
  );
};

/** Each group's inline policy once written, against GroupPolicySizeQuota. */
const groupPolicies = (input: LimitInput, limit: number): Diagnostic[] =>
  input.groups.flatMap((group) => {
    if (group.action === 'delete') return [];
    const after = group.policy?.after;
    const size = after !== undefined ? policySize(after) : group.team?.estimatedPolicySize;
    if (size === undefined || size <= limit) return [];
    const estimated = after === undefined;
    const at = sourceOf(input, group) ?? { file: input.configFile, line: 1, column: 1 };
    return [
      error(
        at,
        `The inline policy of group ${group.name} would be ${estimated ? 'up to ' : ''}${n(size)} characters (whitespace not counted${estimated ? "; some roles' ARNs are known only once their stacks are deployed" : ''}); the master account allows ${n(limit)} per group (GroupPolicySizeQuota), so apply would fail with LimitExceeded.`,
        group.team !== undefined
          ? `Split team ${group.team.name} into teams that grant fewer accounts or roles, or give the roles a literal RoleName in the template: one statement then grants a role in every account.`
          : 'Shorten the role path or name in the template.',
      ),
    ];
  });

/** Each role's trust policy in each account, against that account's AssumeRolePolicySizeQuota. */
const trustPolicies = (input: LimitInput): Diagnostic[] => {
  const over = new Map<string, { at: Position; role: string; where: string[] }>();
  for (const stack of input.desired.stacks) {
    const quota = input.accounts.find((a) => a.accountName === stack.accountName)?.trustPolicyQuota;
    if (quota === undefined || !quota.read) continue;
    for (const trust of stack.trustPolicies ?? []) {
      if (trust.characters === undefined || trust.characters <= quota.value) continue;
      const entry = over.get(trust.role) ?? { at: trust.position, role: trust.role, where: [] };
      entry.where.push(
        `${stack.accountName} (${stack.accountId}): ${n(trust.characters)} where it allows ${n(quota.value)}`,
      );
      over.set(trust.role, entry);
    }
  }
  return [...over.values()].map(({ at, role, where }) =>
    error(
      at,
      `The trust policy (AssumeRolePolicyDocument) of ${role} is longer than the account's AssumeRolePolicySizeQuota (characters, whitespace not counted) in ${some(where, 10)}; deploying it would fail with LimitExceeded.`,
      'Shorten the trust policy (fewer statements, principals or conditions; a Sid is counted too), or ask AWS to raise the quota of those accounts (Service Quotas, IAM, "Role trust policy length", up to 4,096).',
    ),
  );
};

/** A quota that could not be read: its limits are not checked, and the plan says so. */
const unread = (input: LimitInput): Diagnostic[] => {
  const at = { file: input.configFile, line: 1, column: 1 };
  const hint =
    'Allow iam:GetAccountSummary to the deployer role (see samples/bootstrap), so that the plan can check IAM limits before apply meets them.';
  const master = input.master.quotas;
  const accounts = input.accounts.flatMap((a) =>
    a.trustPolicyQuota !== undefined && !a.trustPolicyQuota.read
      ? [`${a.accountName} (${a.trustPolicyQuota.reason})`]
      : [],
  );
  return [
    ...(master !== undefined && !master.read
      ? [
          warning(
            at,
            `The IAM quotas of the master account could not be read (${master.reason}): groups per user, groups in the account and group policy sizes are not checked.`,
            hint,
          ),
        ]
      : []),
    ...(accounts.length > 0
      ? [
          warning(
            at,
            `The IAM quotas of ${some(accounts, 10)} could not be read: trust policy sizes are not checked there.`,
            hint,
          ),
        ]
      : []),
  ];
};

export const limitDiagnostics = (input: LimitInput): Diagnostic[] => {
  const quotas = input.master.quotas;
  return [
    ...unread(input),
    ...(quotas?.read
      ? [
          ...groupsPerUser(input, quotas.value.groupsPerUser),
          ...groupsInAccount(input, quotas.value.groups),
          ...groupPolicies(input, quotas.value.groupPolicySize),
        ]
      : []),
    ...trustPolicies(input),
  ];
};
