// The SDK clients of a person at a terminal: credentials from the standard AWS chain
// (environment, SSO, shared files with role_arn / credential_process), per account from its
// own profile when the config names one (the original CLI's `profile` keys), else chained
// into the account's deployer role from the master credentials.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountConfig, RoleModelConfig } from '../core/model.ts';
import { cloudFormationClient, iamClient, retrySettings } from './clients.ts';
import { errorText } from './error-text.ts';
import type { AccountSession, AwsSession } from './session.ts';

export interface ProfileSessionSettings {
  readonly region: string;
  /** The master account's profile; undefined: the default chain (AWS_PROFILE, environment, ...). */
  readonly masterProfile: string | undefined;
  /** Account name -> its own profile. */
  readonly accountProfiles: ReadonlyMap<string, string>;
  /** Names the sessions chained into deployer roles, so CloudTrail shows who. */
  readonly sessionName: string;
  /** Asked for a code when a profile has `mfa_serial`. */
  readonly mfaCode: (serial: string) => Promise<string>;
}

/** A credential failure the person can fix, said with what to fix. */
export class ProfileCredentialError extends Error {
  override readonly name = 'ProfileCredentialError';
}

/** One resolution shared by every client of an account; again when it nears expiry. */
const sharedProvider = (
  provider: AwsCredentialIdentityProvider,
  explain: (e: unknown) => string,
): AwsCredentialIdentityProvider => {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity): boolean =>
    c.expiration === undefined || c.expiration.getTime() - Date.now() > 5 * 60 * 1000;
  return async () => {
    // Checked before any await, so that clients asking at once share one call.
    if (pending) {
      const current = await pending.catch(() => undefined);
      if (current && fresh(current)) return current;
    }
    pending = provider().catch((e: unknown) => {
      throw new ProfileCredentialError(explain(e));
    });
    return pending;
  };
};

/** The default chain, or one named profile of the shared files. */
export const chainCredentials = (
  profile: string | undefined,
  region: string,
  mfaCode: (serial: string) => Promise<string>,
): AwsCredentialIdentityProvider =>
  fromNodeProviderChain({
    ...(profile === undefined ? {} : { profile }),
    clientConfig: retrySettings(region),
    mfaCodeProvider: mfaCode,
  });

const profileWord = (profile: string | undefined): string =>
  profile === undefined ? 'the default credentials' : `profile "${profile}"`;

const accountCredentials = (
  account: AccountConfig,
  master: AwsCredentialIdentityProvider,
  settings: ProfileSessionSettings,
): AwsCredentialIdentityProvider => {
  const profile = settings.accountProfiles.get(account.name);
  if (profile !== undefined)
    return sharedProvider(
      chainCredentials(profile, settings.region, settings.mfaCode),
      (e) => `No credentials for account ${account.name} from profile "${profile}": ${errorText(e)}`,
    );
  return sharedProvider(
    fromTemporaryCredentials({
      masterCredentials: master,
      params: { RoleArn: account.deployerRoleArn, RoleSessionName: settings.sessionName },
      clientConfig: retrySettings(settings.region),
    }),
    (e) =>
      `Could not assume ${account.deployerRoleArn} (account ${account.name}) with the master account's credentials: ${errorText(e)}. Give the account a \`profile:\` in the config, or let its deployer role trust you.`,
  );
};

export const openProfileSession = (config: RoleModelConfig, settings: ProfileSessionSettings): AwsSession => {
  const master = sharedProvider(
    chainCredentials(settings.masterProfile, settings.region, settings.mfaCode),
    (e) =>
      `No credentials for the master account ${config.masterAccountId} from ${profileWord(settings.masterProfile)}: ${errorText(e)}. Use --profile, set master_account_profile in the config, or configure the AWS credentials.`,
  );
  const accounts = new Map<string, AccountSession>();
  for (const account of config.accounts) {
    const credentials = accountCredentials(account, master, settings);
    accounts.set(account.name, {
      cloudFormation: cloudFormationClient({ region: settings.region, credentials }),
      iam: iamClient({ region: settings.region, credentials }),
    });
  }
  return {
    region: settings.region,
    masterIam: iamClient({ region: settings.region, credentials: master }),
    accounts,
  };
};
