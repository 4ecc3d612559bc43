// Credentials: GitHub's OIDC token -> AssumeRoleWithWebIdentity into the master deployer
// role -> AssumeRole (role chaining) into each account's deployer role. No long-lived keys.
// Providers come from @aws-sdk/credential-providers; each is shared by all clients of its
// account and fetched again before it expires, so runs longer than an hour keep working.
// The OIDC token and masking come from the caller (src/github/oidc.ts in the action).
import { fromNodeProviderChain, fromTemporaryCredentials, fromWebToken } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountConfig } from '../core/model.ts';
import { MAX_ATTEMPTS, retrySettings } from './clients.ts';
import { errorName, isTransientAwsError } from './error-text.ts';
import { chainedOn } from './resilience.ts';
import { sessionName } from './session-name.ts';

/** Fetch new credentials this long before the old ones expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export type CredentialSource = 'oidc' | 'ambient';

/** What the credentials need from the platform that runs them. */
export interface CredentialHooks {
  /** A web identity token for AssumeRoleWithWebIdentity (GitHub's OIDC token). */
  readonly idToken: () => Promise<string>;
  /** Keeps a secret out of every log from now on. */
  readonly mask: (secret: string) => void;
  /** The token's audience, named in the trust-policy hint. */
  readonly audience: string;
}

export interface CredentialSettings {
  readonly source: CredentialSource;
  readonly hooks: CredentialHooks;
  readonly region: string;
  readonly masterRoleArn: string;
  readonly runId: string | undefined;
  readonly actor: string | undefined;
  readonly repository: string | undefined;
}

/** A credential failure the user can fix, with what to fix. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

const masking =
  (mask: CredentialHooks['mask']) =>
  (credentials: AwsCredentialIdentity): AwsCredentialIdentity => {
    mask(credentials.accessKeyId);
    mask(credentials.secretAccessKey);
    if (credentials.sessionToken) mask(credentials.sessionToken);
    return credentials;
  };

/** Caches credentials until shortly before they expire (or a call was refused as expired), masking every new set. */
export const shared = (
  provider: AwsCredentialIdentityProvider,
  explain: (e: Error) => Error,
  mask: CredentialHooks['mask'],
): AwsCredentialIdentityProvider => {
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity): boolean =>
    c.expiration === undefined || c.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;
  // `forceRefresh` (the SDK's MemoizedProvider option): the session was refused as expired.
  return async (options?: { readonly forceRefresh?: boolean }) => {
    if (pending && options?.forceRefresh !== true) {
      const current = await pending.catch(() => undefined);
      if (current && fresh(current)) return current;
    }
    pending = provider().then(masking(mask), (e: unknown) => {
      throw explain(e instanceof Error ? e : new Error(String(e)));
    });
    return pending;
  };
};

/** The token from the hooks; its failure (no `id-token: write`, say) is the user's to fix. */
const webIdentityToken = async (hooks: CredentialHooks): Promise<string> => {
  try {
    return await hooks.idToken();
  } catch (e) {
    throw new CredentialError(e instanceof Error ? e.message : String(e), { cause: e });
  }
};

const webIdentityProvider = (
  roleArn: string,
  settings: CredentialSettings,
  suffix: string,
): AwsCredentialIdentityProvider => {
  const roleSessionName = sessionName(settings.runId, settings.actor, suffix);
  // A new OIDC token for each refresh: GitHub's tokens live minutes, sessions an hour.
  return async () =>
    fromWebToken({
      roleArn,
      roleSessionName,
      webIdentityToken: await webIdentityToken(settings.hooks),
      clientConfig: retrySettings(settings.region),
    })();
};

/** AWS kept failing to answer, after every retry: no trust policy to check, just rerun. */
const unavailable = (role: string, e: Error): CredentialError =>
  new CredentialError(
    `Could not assume ${role}: AWS STS kept failing after ${MAX_ATTEMPTS} attempts (${errorName(e) ?? 'Error'}: ${e.message}). This is usually temporary; rerun the job.`,
  );

const explainWebIdentity =
  (roleArn: string, settings: CredentialSettings) =>
  (e: Error): Error =>
    e instanceof CredentialError
      ? e
      : isTransientAwsError(e)
        ? unavailable(roleArn, e)
        : new CredentialError(
            `Could not assume ${roleArn} with the GitHub OIDC token (${errorName(e) ?? 'Error'}: ${e.message}). Check that the role's trust policy allows the federated principal token.actions.githubusercontent.com with "token.actions.githubusercontent.com:aud" = "${settings.hooks.audience}" and a "sub" matching "repo:${settings.repository ?? '<owner>/<repo>'}:*".`,
          );

/** Why AssumeRole from the master session into an account's deployer role failed. */
export const explainChainedAssume =
  (account: AccountConfig, settings: CredentialSettings) =>
  (e: Error): Error =>
    e instanceof CredentialError
      ? e
      : isTransientAwsError(e)
        ? unavailable(`${account.deployerRoleArn} (account "${account.name}")`, e)
        : new CredentialError(
            `Could not assume ${account.deployerRoleArn} (account "${account.name}") from the master role (${errorName(e) ?? 'Error'}: ${e.message}). Check that its trust policy allows ${settings.masterRoleArn} and that the master role may sts:AssumeRole it.`,
          );

export const masterCredentials = (settings: CredentialSettings): AwsCredentialIdentityProvider => {
  if (settings.source === 'ambient') {
    return shared(
      fromNodeProviderChain({ clientConfig: retrySettings(settings.region) }),
      (e) =>
        new CredentialError(
          `No AWS credentials in the environment (${e.message}). Configure them first (e.g. aws-actions/configure-aws-credentials), or use \`credentials: oidc\`.`,
        ),
      settings.hooks.mask,
    );
  }
  return shared(
    webIdentityProvider(settings.masterRoleArn, settings, 'master'),
    explainWebIdentity(settings.masterRoleArn, settings),
    settings.hooks.mask,
  );
};

export const accountCredentials = (
  account: AccountConfig,
  master: AwsCredentialIdentityProvider,
  settings: CredentialSettings,
): AwsCredentialIdentityProvider => {
  if (account.assume === 'web-identity' && settings.source === 'oidc') {
    return shared(
      webIdentityProvider(account.deployerRoleArn, settings, account.name),
      explainWebIdentity(account.deployerRoleArn, settings),
      settings.hooks.mask,
    );
  }
  const provider = chainedOn(master, (masterCredentials) =>
    fromTemporaryCredentials({
      masterCredentials,
      params: {
        RoleArn: account.deployerRoleArn,
        RoleSessionName: sessionName(settings.runId, settings.actor, account.name),
      },
      clientConfig: retrySettings(settings.region),
    }),
  );
  return shared(provider, explainChainedAssume(account, settings), settings.hooks.mask);
};
