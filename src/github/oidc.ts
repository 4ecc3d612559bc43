// GitHub's side of the AWS credentials: the job's OIDC token, and masking every secret the
// run learns so that it never shows in the log.
import * as core from '@actions/core';
import type { CredentialHooks } from '../aws/credentials.ts';

export const OIDC_AUDIENCE = 'sts.amazonaws.com';

const NO_TOKEN =
  'GitHub gave this job no OIDC token. Add `permissions: id-token: write` to the job (pull requests from forks never get one), or set the input `credentials: ambient` to use credentials already in the environment.';

export const maskSecret = (secret: string): void => core.setSecret(secret);

export const credentialHooks = (idTokenAvailable: boolean): CredentialHooks => ({
  idToken: async () => {
    if (!idTokenAvailable) throw new Error(NO_TOKEN);
    try {
      return await core.getIDToken(OIDC_AUDIENCE);
    } catch (e) {
      throw new Error(`Could not get GitHub's OIDC token: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  },
  mask: maskSecret,
  audience: OIDC_AUDIENCE,
});
