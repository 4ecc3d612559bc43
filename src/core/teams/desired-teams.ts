// From the teams file to what should exist: one group per team under the managed path,
// granting every `account.role` its lines name, `'*'` standing for every account of the
// config (so an account added later is granted to every `'*'` team at once).
import { roleArn } from '../arn.ts';
import { EVERY_ACCOUNT, MANAGED_GROUP_PATH } from '../model.ts';
import type {
  DesiredTeamGroup,
  DesiredTeamPair,
  RoleModelConfig,
  RoleTemplate,
  Team,
  TeamRoleRef,
  Teams,
} from '../model.ts';
import { splitByEnd } from '../users/grant-end.ts';
import { teamGroupName } from './names.ts';

/** Where the team grants `role` in `account`: its own line for the account first, else `'*'`. */
const grantOf = (team: Team, account: string, role: string): TeamRoleRef | undefined => {
  const on = (name: string) =>
    team.grants.find((g) => g.account === name)?.roles.find((r) => r.role === role);
  return on(account) ?? on(EVERY_ACCOUNT);
};

const teamPairs = (config: RoleModelConfig, template: RoleTemplate, team: Team): DesiredTeamPair[] =>
  config.accounts.flatMap((account) =>
    template.roles.flatMap((role): DesiredTeamPair[] => {
      const granted = grantOf(team, account.name, role.logicalId);
      if (granted === undefined) return [];
      return [
        {
          account: account.name,
          accountId: account.accountId,
          role: role.logicalId,
          roleArn:
            role.roleName === undefined
              ? undefined
              : roleArn(config.partition, account.accountId, role.path, role.roleName),
          rolePath: role.path,
          position: granted.position,
        },
      ];
    }),
  );

/** `now` decides which memberships have ended: those grant nothing. */
export const teamGroups = (
  config: RoleModelConfig,
  template: RoleTemplate,
  teams: Teams,
  now: Date,
): DesiredTeamGroup[] =>
  teams.map((team) => {
    const name = teamGroupName(team.name);
    const { active, expired } = splitByEnd(team.members, now);
    return {
      team: team.name,
      name,
      path: MANAGED_GROUP_PATH,
      policyName: `${name}-Policy`,
      position: team.position,
      pairs: teamPairs(config, template, team),
      members: active,
      expired,
    };
  });
