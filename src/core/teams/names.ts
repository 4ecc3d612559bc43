// How a team's group is named: `team-<name>` under the managed path. A team name holds no
// `.`, and every `<account>.<role>` group name does (a role's logical id is alphanumeric and
// follows the last dot), so a team's group can never be named like an account's role group,
// whatever the accounts are called. The prefix tells a team's group that is no longer in the
// files from other groups under the path.
import { GROUP_NAME_MAX } from '../names.ts';

export const TEAM_GROUP_PREFIX = 'team-';

/** Its group's policy (`<group>-Policy`) must fit IAM's 128 characters too. */
export const TEAM_NAME_MAX = GROUP_NAME_MAX - TEAM_GROUP_PREFIX.length - '-Policy'.length;

export const teamGroupName = (team: string): string => `${TEAM_GROUP_PREFIX}${team}`;

/** The team a managed group is the group of, by its name; undefined for any other group. */
export const teamOfGroup = (group: string): string | undefined =>
  group.startsWith(TEAM_GROUP_PREFIX) && !group.includes('.') && group.length > TEAM_GROUP_PREFIX.length
    ? group.slice(TEAM_GROUP_PREFIX.length)
    : undefined;
