// Who can assume what, with the power of each role: the `list` command's access matrix, and
// for every person ready-to-paste `~/.aws/config` profiles and console "Switch role" links.
import type { ListedAccount, ListedRole, MembershipEnd } from '../listed.ts';
import type { Partition } from '../model.ts';
import type { PrivilegeLevel, RolePrivilege } from '../privilege/privilege.ts';
import { byText } from '../collections.ts';
import { teamGroupName } from '../teams/names.ts';

/** The profile that holds the user's own access keys in the master account. */
export const SOURCE_PROFILE = 'rolemodel-master';

export interface UserRole {
  readonly account: string;
  readonly accountId: string;
  readonly role: string;
  /** `<account>.<role>`, the name of the grant (and of its own group in the master account). */
  readonly group: string;
  /** The groups through which the person holds it: its own group, teams' groups. */
  readonly via: readonly string[];
  /** From the template in git; undefined for a role it no longer has. */
  readonly level: PrivilegeLevel | undefined;
  readonly roleArn: string;
  /** The role's trust policy requires MFA, so the profile needs `mfa_serial`. */
  readonly requiresMfa: boolean;
  readonly switchRoleUrl: string;
  /** `<account>-<role>`, the name of its profile in `~/.aws/config`. */
  readonly profile: string;
  /** The grant ends (`until` in the user map, as written); absent when it does not. */
  readonly until?: string;
  readonly endsAt?: string;
  /** The grant has ended: the next `expire` run removes it. */
  readonly ended?: boolean;
}

export interface UserAccessRow {
  readonly userName: string;
  readonly roles: readonly UserRole[];
  /** Profile blocks for `~/.aws/config`, one per role. */
  readonly awsConfig: string;
}

/** The ARN of the user's MFA device, named after the user as IAM's console does by default. */
export const mfaSerial = (partition: Partition, masterAccountId: string, userName: string): string =>
  `arn:${partition}:iam::${masterAccountId}:mfa/${userName}`;

const profileBlock = (role: UserRole, mfa: string): string =>
  [
    `[profile ${role.profile}]`,
    `role_arn = ${role.roleArn}`,
    `source_profile = ${SOURCE_PROFILE}`,
    ...(role.requiresMfa ? [`mfa_serial = ${mfa}`] : []),
  ].join('\n');

export const awsConfigFor = (
  userName: string,
  roles: readonly UserRole[],
  partition: Partition,
  masterAccountId: string,
): string => {
  const mfa = mfaSerial(partition, masterAccountId, userName);
  return [
    `# ${userName}: roles assumable from the master account ${masterAccountId}.`,
    `# [${SOURCE_PROFILE}] holds ${userName}'s own access keys (~/.aws/credentials or aws configure --profile ${SOURCE_PROFILE}).`,
    ...(roles.some((r) => r.requiresMfa)
      ? [
          '# mfa_serial: your MFA device in the master account, named after you by default (see IAM > Security credentials).',
        ]
      : []),
    '',
    roles.map((r) => profileBlock(r, mfa)).join('\n\n'),
  ].join('\n');
};

/**
 * Until when `user` holds the role: the latest end of the grants that give it (its own group,
 * each team), none when one of them does not end.
 */
const heldUntil = (role: ListedRole, user: string): MembershipEnd | undefined => {
  const sources = [
    ...(role.members.includes(user) ? [role.ends] : []),
    ...role.teams.filter((t) => t.members.includes(user)).map((t) => t.ends),
  ].map((ends) => ends?.find((e) => e.userName === user));
  if (sources.length === 0 || sources.some((e) => e === undefined)) return undefined;
  return (sources as MembershipEnd[]).reduce((a, b) => (Date.parse(b.endsAt) > Date.parse(a.endsAt) ? b : a));
};

/** Every member of a listed role, with that role's level, ARN and profile. */
export const accessMatrix = (
  accounts: readonly ListedAccount[],
  partition: Partition,
  masterAccountId: string,
  privileges: ReadonlyMap<string, RolePrivilege>,
): UserAccessRow[] => {
  const byUser = new Map<string, UserRole[]>();
  for (const account of accounts) {
    for (const role of account.roles) {
      const privilege = privileges.get(role.logicalId);
      const entry = (user: string): UserRole => ({
        account: account.accountName,
        accountId: account.accountId,
        role: role.logicalId,
        group: role.group,
        via: [
          ...(role.members.includes(user) ? [role.group] : []),
          ...role.teams.filter((t) => t.members.includes(user)).map((t) => teamGroupName(t.team)),
        ],
        level: privilege?.level,
        roleArn: role.arn,
        requiresMfa: privilege?.trust.requiresMfa ?? false,
        switchRoleUrl: role.switchRoleUrl,
        profile: `${account.accountName}-${role.logicalId}`,
      });
      for (const user of role.holders) {
        const held = entry(user);
        const end = heldUntil(role, user);
        const row: UserRole =
          end === undefined ? held : { ...held, until: end.until, endsAt: end.endsAt, ended: end.ended };
        byUser.set(user, [...(byUser.get(user) ?? []), row]);
      }
    }
  }
  return [...byUser.keys()].sort(byText).map((userName) => {
    const roles = byUser.get(userName) ?? [];
    return { userName, roles, awsConfig: awsConfigFor(userName, roles, partition, masterAccountId) };
  });
};
