// Credentials: GitHub's OIDC token -> AssumeRoleWithWebIdentity into the master deployer
// role -> AssumeRole (role chaining) into each account's deployer role. No long-lived keys.
// Providers come from @aws-sdk/credential-providers; each is shared by all clients of its
// account and fetched again before it expires, so runs longer than an hour keep working.
import * as core from '@actions/core';
import { fromNodeProviderChain, fromTemporaryCredentials, fromWebToken } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountConfig } from '../core/model.ts';
import { MAX_ATTEMPTS, retrySettings } from './clients.ts';
import { isTransientAwsError } from './error-text.ts';
import { chainedOn } from './resilience.ts';
import { sessionName } from './session-name.ts';

export const OIDC_AUDIENCE = 'sts.amazonaws.com';
/** Fetch new credentials this long before the old ones expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export type CredentialSource = 'oidc' | 'ambient';

export interface CredentialSettings {
  readonly source: CredentialSource;
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

const mask = (credentials: AwsCredentialIdentity): AwsCredentialIdentity => {
  core.setSecret(credentials.accessKeyId);
  core.setSecret(credentials.secretAccessKey);
  if (credentials.sessionToken) core.setSecret(credentials.sessionToken);
  return credentials;
};

/** Caches credentials until shortly before they expire (or a call was refused as expired), masking every new set. */
export const shared = (
  provider: AwsCredentialIdentityProvider,
  explain: (e: Error) => Error,
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
    pending = provider().then(mask, (e: unknown) => {
      throw explain(e instanceof Error ? e : new Error(String(e)));
    });
    return pending;
  };
};

const errorName = (e: Error): string => (e as { name?: string }).name ?? 'Error';

/** The GitHub OIDC token; explains the missing `id-token: write` permission. */
export const githubIdToken = async (): Promise<string> => {
  if (!process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    throw new CredentialError(
      'GitHub gave this job no OIDC token. Add `permissions: id-token: write` to the job (pull requests from forks never get one), or set the input `credentials: ambient` to use credentials already in the environment.',
    );
  }
  try {
    return await core.getIDToken(OIDC_AUDIENCE);
  } catch (e) {
    throw new CredentialError(
      `Could not get GitHub's OIDC token: ${e instanceof Error ? e.message : String(e)}`,
    );
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
      webIdentityToken: await githubIdToken(),
      clientConfig: retrySettings(settings.region),
    })();
};

/** AWS kept failing to answer, after every retry: no trust policy to check, just rerun. */
const unavailable = (role: string, e: Error): CredentialError =>
  new CredentialError(
    `Could not assume ${role}: AWS STS kept failing after ${MAX_ATTEMPTS} attempts (${errorName(e)}: ${e.message}). This is usually temporary; rerun the job.`,
  );

const explainWebIdentity =
  (roleArn: string, settings: CredentialSettings) =>
  (e: Error): Error =>
    e instanceof CredentialError
      ? e
      : isTransientAwsError(e)
        ? unavailable(roleArn, e)
        : new CredentialError(
            `Could not assume ${roleArn} with the GitHub OIDC token (${errorName(e)}: ${e.message}). Check that the role's trust policy allows the federated principal token.actions.githubusercontent.com with "token.actions.githubusercontent.com:aud" = "${OIDC_AUDIENCE}" and a "sub" matching "repo:${settings.repository ?? '<owner>/<repo>'}:*".`,
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
            `Could not assume ${account.deployerRoleArn} (account "${account.name}") from the master role (${errorName(e)}: ${e.message}). Check that its trust policy allows ${settings.masterRoleArn} and that the master role may sts:AssumeRole it.`,
          );

export const masterCredentials = (settings: CredentialSettings): AwsCredentialIdentityProvider => {
  if (settings.source === 'ambient') {
    return shared(
      fromNodeProviderChain({ clientConfig: retrySettings(settings.region) }),
      (e) =>
        new CredentialError(
          `No AWS credentials in the environment (${e.message}). Configure them first (e.g. aws-actions/configure-aws-credentials), or use \`credentials: oidc\`.`,
        ),
    );
  }
  return shared(
    webIdentityProvider(settings.masterRoleArn, settings, 'master'),
    explainWebIdentity(settings.masterRoleArn, settings),
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
  return shared(provider, explainChainedAssume(account, settings));
};
