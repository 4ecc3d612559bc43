// AWS for the command line: the region, the clients on the person's credentials, timing of
// the waits, and the MFA prompt the credential chain uses for profiles with `mfa_serial`.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { retrySettings } from '../aws/clients.ts';
import { chainCredentials, openProfileSession } from '../aws/profile-session.ts';
import type { AwsSession } from '../aws/session.ts';
import { sessionName } from '../aws/session-name.ts';
import type { Repository } from '../core/load-repository.ts';
import { UsageError } from './args.ts';
import { awsConfigPath, profileSetting, readAwsConfig } from './aws-config-file.ts';
import { waitTimingOf } from '../aws/wait-timing.ts';
import type { WaitTiming } from '../aws/wait-timing.ts';
import type { CliContext } from './context.ts';
import { CliError } from './context.ts';
import { askMfaCode } from './mfa.ts';
import type { LoadedFiles } from './repository.ts';

const text = (value: string | true | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The profile named on the command line, if any (else the SDK reads AWS_PROFILE itself). */
export const profileOption = (ctx: CliContext): string | undefined => text(ctx.request.options.profile);

/** The profile the person's credentials come from, for cache keys and `source_profile`. */
export const profileInUse = (ctx: CliContext): string =>
  profileOption(ctx) ?? (ctx.env['AWS_PROFILE'] || ctx.env['AWS_DEFAULT_PROFILE'] || 'default');

/** --region, the config's, AWS_REGION, AWS_DEFAULT_REGION, then the profile's `region`. */
export const regionOf = (ctx: CliContext, configured: string | undefined): string | undefined =>
  text(ctx.request.options.region) ||
  configured ||
  ctx.env['AWS_REGION'] ||
  ctx.env['AWS_DEFAULT_REGION'] ||
  profileSetting(readAwsConfig(awsConfigPath(ctx)), profileInUse(ctx), 'region');

export const requireRegion = (ctx: CliContext, configured: string | undefined): string => {
  const region = regionOf(ctx, configured);
  if (region === undefined)
    throw new CliError(
      'No AWS region: set `region:` in the config, pass --region, or set AWS_REGION (or a region in your AWS profile).',
    );
  return region;
};

export const concurrencyOf = (ctx: CliContext): number => {
  const given = text(ctx.request.options['max-concurrency']);
  if (given === undefined) return 8;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(
      `--max-concurrency is "${given}"; write a whole number from 1 to 256.`,
      ctx.request.command,
    );
  return n;
};

/** As the action's: ROLEMODEL_POLL_DELAY_MS and ROLEMODEL_MAX_WAIT_SECONDS tune the waits. */
export const timingOf = (ctx: CliContext): WaitTiming =>
  waitTimingOf(
    ctx.env,
    (purpose) => `rolemodel-cli-${purpose === 'apply' ? 'update' : purpose}-${ctx.now().toString(36)}`,
  );

/** Clients for an administrator's command: the config's profiles, --profile for the master account. */
export const adminSession = (ctx: CliContext, files: LoadedFiles, repository: Repository): AwsSession => {
  const region = requireRegion(ctx, repository.config.region);
  return openProfileSession(repository.config, {
    region,
    masterProfile: profileOption(ctx) ?? files.profiles.masterProfile,
    accountProfiles: files.profiles.accountProfiles,
    sessionName: sessionName(undefined, ctx.env['USER'] ?? ctx.env['USERNAME'], 'cli'),
    mfaCode: async (serial) => askMfaCode(ctx, serial),
  });
};

/** IAM and STS on the person's own credentials (the master account). */
export const personalClients = (ctx: CliContext, region: string): { iam: IAMClient; sts: STSClient } => {
  const credentials = chainCredentials(profileOption(ctx), region, async (serial) => askMfaCode(ctx, serial));
  const settings = { ...retrySettings(region), customUserAgent: 'rolemodel-cli', credentials };
  return { iam: new IAMClient(settings), sts: new STSClient(settings) };
};
