// `rolemodel assume <account>.<role> [-- command]`: credentials of a role the person holds,
// from the cache while they are good for longer than --refresh-before, else from STS with the
// person's IAM user name as the session name and, when the role wants it, their MFA code. With
// a command, it runs with them and its exit code is returned; without, they are printed.
import type { IAMClient } from '@aws-sdk/client-iam';
import { assumeRole } from '../../aws/assume-role.ts';
import { callerGrants, groupRoleArn, mfaDevices, whoAmI } from '../../aws/caller.ts';
import type { Caller } from '../../aws/caller.ts';
import { errorText } from '../../aws/error-text.ts';
import { resolveTarget } from '../../core/access/targets.ts';
import { parseRoleArn } from '../../core/arn.ts';
import { MANAGED_GROUP_PATH } from '../../core/model.ts';
import { SESSION_NAME_CHARS } from '../../core/names.ts';
import { analyzeRole } from '../../core/privilege/privilege.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { UsageError } from '../args.ts';
import { personalClients, profileOption, regionOf } from '../aws.ts';
import { roleEnvironment, runProgram } from '../child.ts';
import type { CliContext } from '../context.ts';
import { CliError, EXIT } from '../context.ts';
import { cacheFile, readCached, writeCached } from '../credential-cache.ts';
import type { CachedCredentials } from '../credential-cache.ts';
import { parseDuration } from '../duration.ts';
import { askMfaCode } from '../mfa.ts';
import { configGiven, loadFiles } from '../repository.ts';
import { note, showDiagnostics } from './common.ts';

type Format = 'env' | 'json' | 'credential-process';
const FORMATS: readonly Format[] = ['env', 'json', 'credential-process'];

/** What the config says of the role, when one was given. */
interface KnownRole {
  readonly roleArn: string | undefined;
  readonly requiresMfa: boolean;
  readonly region: string | undefined;
}

interface AssumeSettings {
  readonly target: string;
  readonly format: Format;
  readonly durationSeconds: number;
  readonly refreshBeforeMs: number;
  readonly useCache: boolean;
  readonly mfaSerial: string | undefined;
}

const settingsOf = (ctx: CliContext): AssumeSettings => {
  const { options, operands, command } = ctx.request;
  const target = operands[0];
  if (target === undefined)
    throw new UsageError('assume needs the role: rolemodel assume <account>.<role>.', 'assume');
  if (operands.length > 1)
    throw new UsageError(`unexpected "${operands[1] ?? ''}": put the command to run after --.`, 'assume');
  const formatText =
    typeof options.format === 'string' ? options.format : options.json === true ? 'json' : 'env';
  if (
    !(FORMATS as readonly string[]).includes(formatText) ||
    (options.json === true && formatText !== 'json')
  )
    throw new UsageError(`--format is "${formatText}"; write one of ${FORMATS.join(', ')}.`, 'assume');
  const durationSeconds = parseDuration(
    typeof options.duration === 'string' ? options.duration : '1h',
    'duration',
    'assume',
  );
  if (durationSeconds < 900 || durationSeconds > 43_200)
    throw new UsageError('--duration must be from 15m to 12h (STS allows 900 to 43200 seconds).', command);
  const refresh = typeof options['refresh-before'] === 'string' ? options['refresh-before'] : '15m';
  return {
    target,
    format: formatText as Format,
    durationSeconds,
    refreshBeforeMs: parseDuration(refresh, 'refresh-before', 'assume') * 1000,
    useCache: options['no-cache'] !== true,
    mfaSerial: typeof options['mfa-serial'] === 'string' ? options['mfa-serial'] : undefined,
  };
};

/** The role as the config and template describe it, when --config was given. */
const knownRole = (ctx: CliContext, target: string): KnownRole | undefined => {
  const config = configGiven(ctx);
  if (config === undefined || parseRoleArn(target) !== undefined) return undefined;
  const files = loadFiles(ctx, config);
  showDiagnostics(ctx, files.diagnostics);
  const repository = files.repository;
  if (repository === undefined)
    throw new CliError(`The RoleModel files have problems; fix them or leave out --config.`);
  const resolved = resolveTarget(repository, target, false);
  if (!resolved.ok) throw new CliError(resolved.message);
  const { account, role } = resolved.target;
  return {
    roleArn: repository.desired.groups.find(
      (g) => g.accountName === account?.name && g.roleLogicalId === role.logicalId,
    )?.roleArn,
    requiresMfa: analyzeRole(repository.template.document, role.logicalId, role.roleName).trust.requiresMfa,
    region: repository.config.region,
  };
};

/** Whose credentials these are, for the cache: a profile, or keys from the environment. */
const sourceOf = (ctx: CliContext): string =>
  profileOption(ctx) ??
  (ctx.env['AWS_PROFILE'] ||
    (ctx.env['AWS_ACCESS_KEY_ID']
      ? `env:${ctx.env['AWS_ACCESS_KEY_ID']}`
      : ctx.env['AWS_DEFAULT_PROFILE'] || 'default'));

/** The caller's IAM user name (or session name), as STS accepts it: 2-64 of [\w+=,.@-]. */
const sessionNameOf = (caller: Caller): string => {
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
  const grant = grants.find((g) => g.group.toLowerCase() === target.toLowerCase());
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

const assumeFresh = async (
  ctx: CliContext,
  settings: AssumeSettings,
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

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

const printed = (
  entry: CachedCredentials,
  format: Format,
  region: string | undefined,
  ctx: CliContext,
): string => {
  const c = entry.credentials;
  if (format === 'credential-process')
    return `${JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: c.expiration.toISOString() })}\n`;
  if (format === 'json')
    return `${JSON.stringify(
      {
        roleArn: entry.roleArn,
        sessionName: entry.sessionName,
        region: region ?? null,
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: c.expiration.toISOString(),
      },
      null,
      2,
    )}\n`;
  return [
    ...(ctx.env['AWS_PROFILE'] ? ['unset AWS_PROFILE'] : []),
    `export AWS_ACCESS_KEY_ID=${quote(c.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${quote(c.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${quote(c.sessionToken)}`,
    `export AWS_CREDENTIAL_EXPIRATION=${quote(c.expiration.toISOString())}`,
    ...(region === undefined
      ? []
      : [`export AWS_REGION=${quote(region)}`, `export AWS_DEFAULT_REGION=${quote(region)}`]),
    '',
  ].join('\n');
};

/** The cached entry when it is for this role and good for longer than the refresh margin. */
const usable = (
  ctx: CliContext,
  entry: CachedCredentials | undefined,
  settings: AssumeSettings,
  known: KnownRole | undefined,
) => {
  if (entry === undefined) return undefined;
  if (known?.roleArn !== undefined && entry.roleArn !== known.roleArn) return undefined;
  if (parseRoleArn(settings.target) !== undefined && entry.roleArn !== settings.target) return undefined;
  const left = entry.credentials.expiration.getTime() - ctx.now();
  if (left <= settings.refreshBeforeMs) {
    note(
      ctx,
      `The cached credentials of ${settings.target} expire in ${Math.max(0, Math.round(left / 60_000))} min; getting new ones.`,
    );
    return undefined;
  }
  return entry;
};

export const assumeCommand = async (ctx: CliContext): Promise<number> => {
  const settings = settingsOf(ctx);
  const known = knownRole(ctx, settings.target);
  const region = regionOf(ctx, known?.region);
  const file = cacheFile(ctx, sourceOf(ctx), settings.target);
  let entry = usable(ctx, settings.useCache ? readCached(file) : undefined, settings, known);
  if (entry !== undefined)
    note(
      ctx,
      `Cached credentials of ${clean(settings.target)}, valid until ${entry.credentials.expiration.toISOString()}.`,
    );
  else {
    entry = await assumeFresh(ctx, settings, known, region ?? 'us-east-1');
    if (settings.useCache) writeCached(ctx, file, entry);
    note(
      ctx,
      `Assumed ${clean(entry.roleArn)} as ${clean(entry.sessionName)}, until ${entry.credentials.expiration.toISOString()}.`,
    );
  }
  const program = ctx.request.program;
  if (program !== undefined)
    return runProgram(program, roleEnvironment(ctx.env, entry.credentials, region), ctx.cwd);
  ctx.out(printed(entry, settings.format, region, ctx));
  return EXIT.ok;
};
