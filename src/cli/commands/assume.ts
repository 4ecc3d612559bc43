// `rolemodel assume <account>.<role> [-- command]`: credentials of a role the person holds,
// from the cache while they are good for longer than --refresh-before, else from STS with the
// person's IAM user name as the session name and, when the role wants it, their MFA code. With
// a command, it runs with them and its exit code is returned; without, they are printed.
import { resolveTarget } from '../../core/access/targets.ts';
import { parseRoleArn } from '../../core/arn.ts';
import { analyzeRole } from '../../core/privilege/privilege.ts';
import { renderCredentials } from '../../core/render/terminal/credentials.ts';
import type { CredentialsFormat } from '../../core/render/terminal/credentials.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { UsageError } from '../args.ts';
import { profileOption, regionOf } from '../aws.ts';
import { roleEnvironment, runProgram } from '../child.ts';
import type { CliContext } from '../context.ts';
import { CliError, EXIT } from '../context.ts';
import { cacheFile, readCached, writeCached } from '../credential-cache.ts';
import type { CachedCredentials } from '../credential-cache.ts';
import { parseDuration } from '../duration.ts';
import { configGiven, loadFiles } from '../repository.ts';
import { assumeFresh } from '../role-session.ts';
import type { KnownRole } from '../role-session.ts';
import { note, showDiagnostics } from './common.ts';

const FORMATS: readonly CredentialsFormat[] = ['env', 'json', 'credential-process'];

interface AssumeSettings {
  readonly target: string;
  readonly format: CredentialsFormat;
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
    format: formatText as CredentialsFormat,
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
  ctx.out(
    renderCredentials(
      { ...entry.credentials, roleArn: entry.roleArn, sessionName: entry.sessionName, region },
      settings.format,
      Boolean(ctx.env['AWS_PROFILE']),
    ),
  );
  return EXIT.ok;
};
