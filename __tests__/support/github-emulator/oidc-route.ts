// The endpoint behind ACTIONS_ID_TOKEN_REQUEST_URL. @actions/core appends `&audience=X`
// to that URL and sends `Authorization: Bearer <ACTIONS_ID_TOKEN_REQUEST_TOKEN>`.
import { bearerValue } from './auth.ts';
import { mintIdToken } from './oidc.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound } from './reply.ts';
import type { EmulatorState } from './state.ts';
import { OIDC_PREFIX } from './state.ts';
import type { Principal } from './types.ts';

export interface OidcOutcome {
  readonly reply: Reply;
  readonly principal: Principal;
}

export const handleOidc = (
  state: EmulatorState,
  method: string,
  path: string,
  query: Readonly<Record<string, string>>,
  authorization: string | undefined,
): OidcOutcome => {
  if (method === 'GET' && path === `${OIDC_PREFIX}/.well-known/jwks`)
    return { reply: json(200, { keys: [state.signer.publicJwk] }), principal: 'none' };
  if (method !== 'GET' || path !== `${OIDC_PREFIX}/idtoken`) return { reply: notFound(), principal: 'none' };
  const job = state.oidcJobs.get(bearerValue(authorization) ?? '');
  if (!job) return { reply: errorReply(401, 'Bad credentials'), principal: authorization ? 'bad' : 'none' };
  // Without an audience GitHub uses the repository owner's URL.
  const audience = query['audience'] ?? `https://github.com/${job.repository.split('/')[0] ?? ''}`;
  return { reply: json(200, { value: mintIdToken(state.signer, job, audience) }), principal: 'oidc' };
};
