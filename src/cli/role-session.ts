// Getting a role's credentials from STS for a person: who they are (their IAM user names the
// session), which ARN the role has (the target itself, the template's literal name, or the
// policy of their own group), and their MFA code when the role wants it or AWS insists.
import type { IAMClient } from '@aws-sdk/client-iam';
import { assumeRole } from '../aws/assume-role.ts';
import { callerGrants, groupRoleArn, mfaDevices, whoAmI } from '../aws/caller.ts';
import type { Caller } from '../aws/caller.ts';
import { errorText } from '../aws/error-text.ts';
import { parseRoleArn } from '../core/arn.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { SESSION_NAME_CHARS } from '../core/names.ts';
import { personalClients } from './aws.ts';
import { note } from './commands/common.ts';
import type { CliContext } from './context.ts';
import { CliError } from './context.ts';
import type { CachedCredentials } from './credential-cache.ts';
import { askMfaCode } from './mfa.ts';

/** What the config says of the role, when one was given. */
export interface KnownRole {
  readonly roleArn: string | undefined;
  readonly requiresMfa: boolean;
  readonly region: string | undefined;
}

export interface FreshRequest {
  /** `<account>.<role>` or a role ARN. */
  readonly target: string;
  readonly durationSeconds: number;
  readonly mfaSerial: string | undefined;
}

/** The caller's IAM user name (or session name), as STS accepts it: 2-64 of [\w+=,.@-]. */
export const sessionNameOf = (caller: Caller): string => {
  const name = (caller.kind === 'user' ? caller.userName : caller.name)
    .replace(SESSION_NAME_CHARS, '_')
    .slice(0, 64);
  return name.length >= 2 ? name : `rolemodel-${name}`;
};

/** The role's ARN: the target itself, the template's literal name, or the caller's group policy. */
const roleArnOf = async (
  iam: IAMClient,
  caller: Caller,
  target: string,
  known: KnownRole | undefined,
): Promise<string> => {
  if (parseRoleArn(target) !== undefined) return target;
  if (known?.roleArn !== undefined) return known.roleArn;
  if (known !== undefined) {
    const arn = await groupRoleArn(iam, target);
    if (arn === undefined)
      throw new CliError(
        `The group ${target} in the master account has no RoleModel policy yet; run rolemodel update first.`,
      );
    return arn;
  }
  if (caller.kind !== 'user')
    throw new CliError(
      `${caller.arn} is not an IAM user, so its RoleModel groups cannot be listed. Give the role's ARN, or --config to find it from the files.`,
    );
  const grants = await callerGrants(iam, caller.userName, MANAGED_GROUP_PATH);
  const named = grants.find((g) => g.group.toLowerCase() === target.toLowerCase());
  // A role a team grants: its own group's policy names the role, whose ARN the team allows.
  const viaTeam =
    named === undefined && target.includes('.') && grants.some((g) => g.team !== undefined)
      ? await groupRoleArn(iam, target).then((arn) =>
          grants.find((g) => arn !== undefined && g.roleArn === arn),
        )
      : undefined;
  const grant = named ?? viaTeam;
  if (grant === undefined)
    throw new CliError(
      `You (${caller.userName}) are not in ${target}. ${grants.length === 0 ? 'You hold no RoleModel role.' : `Your roles: ${grants.map((g) => g.group).join(', ')}.`}`,
    );
  if (grant.roleArn === undefined)
    throw new CliError(
      `The group ${grant.group} has no policy naming its role; ask an administrator to run rolemodel update.`,
    );
  return grant.roleArn;
};

const mfaFor = async (
  ctx: CliContext,
  iam: IAMClient,
  caller: Caller,
  serial: string | undefined,
): Promise<{ serialNumber: string; tokenCode: string }> => {
  const device = serial ?? (caller.kind === 'user' ? (await mfaDevices(iam, caller.userName))[0] : undefined);
  if (device === undefined)
    throw new CliError(
      'The role requires MFA, but you have no MFA device in the master account. Add one (IAM > Security credentials), or name it with --mfa-serial.',
    );
  return { serialNumber: device, tokenCode: askMfaCode(ctx, device) };
};

const isAccessDenied = (e: unknown): boolean =>
  /AccessDenied/.test((e as { name?: string } | null)?.name ?? '');

const explain = (e: unknown, roleArn: string, caller: Caller, target: string): CliError => {
  const text = errorText(e);
  if (/DurationSeconds exceeds/.test(text))
    return new CliError(
      `${text} Ask for a shorter session with --duration (1h is the most for role chaining).`,
    );
  if (isAccessDenied(e))
    return new CliError(
      `Could not assume ${roleArn} as ${caller.arn}: ${text} Check that you are in ${target} (rolemodel profiles lists your roles) and, if it requires MFA, that the code was current.`,
    );
  return new CliError(`Could not assume ${roleArn}: ${text}`);
};

export const assumeFresh = async (
  ctx: CliContext,
  settings: FreshRequest,
  known: KnownRole | undefined,
  region: string,
): Promise<CachedCredentials> => {
  const { iam, sts } = personalClients(ctx, region);
  const caller = await whoAmI(iam, sts);
  const roleArn = await roleArnOf(iam, caller, settings.target, known);
  const sessionName = sessionNameOf(caller);
  const request = (mfa: { serialNumber: string; tokenCode: string } | undefined) =>
    assumeRole(sts, { roleArn, sessionName, durationSeconds: settings.durationSeconds, mfa });
  const wantsMfa = known?.requiresMfa === true || settings.mfaSerial !== undefined;
  const mfa = wantsMfa ? await mfaFor(ctx, iam, caller, settings.mfaSerial) : undefined;
  try {
    return { roleArn, sessionName, credentials: await request(mfa) };
  } catch (e) {
    // Without the files nobody said MFA is required: a refusal may mean it is.
    const retry = isAccessDenied(e) && mfa === undefined && known === undefined && caller.kind === 'user';
    const devices = retry ? await mfaDevices(iam, caller.userName) : [];
    if (devices.length === 0) throw explain(e, roleArn, caller, settings.target);
    note(ctx, 'Refused without MFA; trying again with your MFA device.');
    try {
      return { roleArn, sessionName, credentials: await request(await mfaFor(ctx, iam, caller, devices[0])) };
    } catch (again) {
      throw explain(again, roleArn, caller, settings.target);
    }
  }
};
