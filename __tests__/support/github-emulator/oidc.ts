// GitHub Actions OIDC tokens: RS256 JWTs with the claims token.actions.githubusercontent.com
// issues. A key pair per emulator, so consumers can verify signatures against its JWKS.
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { OidcJobContext } from './types.ts';

export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

export interface OidcSigner {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JsonWebKey;
}

export const createSigner = (): OidcSigner => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(String(publicJwk.n)).digest('hex').slice(0, 40).toUpperCase();
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
};

/** The `sub` claim as GitHub builds it: environment, then pull_request, then ref. */
export const subjectOf = (job: OidcJobContext): string => {
  const base = `repo:${job.repository}`;
  if (job.environment) return `${base}:environment:${job.environment}`;
  if (job.eventName === 'pull_request' || job.eventName === 'pull_request_target')
    return `${base}:pull_request`;
  return `${base}:ref:${job.ref}`;
};

const refType = (ref: string): string => (ref.startsWith('refs/tags/') ? 'tag' : 'branch');

export const oidcClaims = (job: OidcJobContext, audience: string, nowSeconds: number) => {
  const [owner = ''] = job.repository.split('/');
  const workflowRef = `${job.repository}/.github/workflows/${job.workflow}.yml@${job.ref}`;
  return {
    jti: randomUUID(),
    sub: subjectOf(job),
    aud: audience,
    ref: job.ref,
    sha: job.sha,
    repository: job.repository,
    repository_owner: owner,
    repository_visibility: 'private',
    run_id: job.runId,
    run_number: job.runNumber,
    run_attempt: job.runAttempt,
    actor: job.actor,
    workflow: job.workflow,
    head_ref: job.headRef ?? '',
    base_ref: job.baseRef ?? '',
    event_name: job.eventName,
    ref_type: refType(job.ref),
    ...(job.environment ? { environment: job.environment } : {}),
    workflow_ref: workflowRef,
    workflow_sha: job.sha,
    job_workflow_ref: workflowRef,
    job_workflow_sha: job.sha,
    runner_environment: 'github-hosted',
    iss: OIDC_ISSUER,
    nbf: nowSeconds - 5,
    iat: nowSeconds,
    exp: nowSeconds + 300,
  };
};

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export const mintIdToken = (
  signer: OidcSigner,
  job: OidcJobContext,
  audience: string,
  nowMs = Date.now(),
): string => {
  const header = { typ: 'JWT', alg: 'RS256', kid: signer.kid, x5t: signer.kid };
  const input = `${b64url(header)}.${b64url(oidcClaims(job, audience, Math.floor(nowMs / 1000)))}`;
  return `${input}.${sign('sha256', Buffer.from(input), signer.privateKey).toString('base64url')}`;
};

/** Decodes a JWT's payload without verifying it (for assertions in tests). */
export const decodeJwtPayload = (jwt: string): Record<string, unknown> => {
  const part = jwt.split('.')[1];
  if (part === undefined) throw new Error('Not a JWT: expected header.payload.signature');
  const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error('JWT payload is not an object');
  return parsed as Record<string, unknown>;
};
