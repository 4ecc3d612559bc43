// From the files to what should exist: one stack per assumable account and, in the master
// account, one group per (account, role) with its assume-role policy and members, and one
// group per team.
import { roleArn } from './arn.ts';
import type {
  DesiredGroup,
  DesiredState,
  PolicyDocument,
  RoleModelConfig,
  RoleTemplate,
  StackParameter,
  Teams,
  UserMap,
} from './model.ts';
import { MANAGED_GROUP_PATH } from './model.ts';
import { trustPolicySizes } from './limits/trust-size.ts';
import { teamGroups } from './teams/desired-teams.ts';
import { ASSUMING_ACCOUNT_PARAMETER } from './template/parse-template.ts';
import { splitByEnd } from './users/grant-end.ts';

export const groupName = (accountName: string, roleLogicalId: string): string =>
  `${accountName}.${roleLogicalId}`;

export const groupPolicyName = (group: string): string => `${group}-Policy`;

/** The inline policy of a group, in the form the original CLI wrote it (so a first plan shows no change). */
export const assumeRolePolicy = (arn: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: arn }],
});

export const stackParameters = (config: RoleModelConfig, template: RoleTemplate): StackParameter[] =>
  template.parameters.flatMap((p): StackParameter[] => {
    if (p.name === ASSUMING_ACCOUNT_PARAMETER) return [{ key: p.name, value: config.masterAccountId }];
    const value = config.parameters[p.name];
    return value === undefined ? [] : [{ key: p.name, value }];
  });

/** What should exist at `now`: a grant that has ended by then grants nothing. */
export const desiredState = (
  config: RoleModelConfig,
  template: RoleTemplate,
  users: UserMap,
  now: Date,
  teams: Teams = [],
): DesiredState => {
  const parameters = stackParameters(config, template);
  const stacks = config.accounts.map((account) => ({
    accountName: account.name,
    accountId: account.accountId,
    accountPosition: account.position,
    trustPolicies: trustPolicySizes(config, template, account),
    stackName: config.stackName,
    templateBody: template.body,
    parameters,
    transforms: template.transforms ?? [],
  }));
  const groups: DesiredGroup[] = config.accounts.flatMap((account) =>
    template.roles.map((role): DesiredGroup => {
      const name = groupName(account.name, role.logicalId);
      const { active, expired } = splitByEnd(users.get(account.name)?.get(role.logicalId) ?? [], now);
      return {
        name,
        path: MANAGED_GROUP_PATH,
        accountName: account.name,
        accountId: account.accountId,
        roleLogicalId: role.logicalId,
        roleArn:
          role.roleName === undefined
            ? undefined
            : roleArn(config.partition, account.accountId, role.path, role.roleName),
        policyName: groupPolicyName(name),
        members: active,
        expired,
      };
    }),
  );
  return {
    at: now.toISOString(),
    masterAccountId: config.masterAccountId,
    partition: config.partition,
    stacks,
    groups,
    teams: teamGroups(config, template, teams, now),
  };
};

/** Who the files put in `account.role` at the desired state's time (ended grants left out). */
export const activeHolders = (desired: DesiredState, account: string, role: string): string[] =>
  desired.groups
    .find((g) => g.accountName === account && g.roleLogicalId === role)
    ?.members.map((m) => m.userName) ?? [];
