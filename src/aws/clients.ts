// SDK clients, configured once: adaptive retries (AWS throttling is retried with backoff,
// not failed) and endpoints from the SDK's standard AWS_ENDPOINT_URL variables.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { resilient } from './resilience.ts';

export const MAX_ATTEMPTS = 12;

interface ClientOptions {
  readonly region: string;
  readonly credentials?: AwsCredentialIdentityProvider;
}

/**
 * One pool of connections for every client of the run. The accounts' clients all talk to the
 * same regional endpoints, so a connection (and its TLS session) opened for one account serves
 * the next, instead of each of hundreds of clients opening its own.
 */
const connections = {
  httpAgent: new HttpAgent({ keepAlive: true }),
  httpsAgent: new HttpsAgent({ keepAlive: true }),
};

/** For every client, including the STS clients inside the credential providers: an
 * AssumeRole that meets throttling or a dropped connection is retried like any other call. */
export const retrySettings = (region: string) => ({
  region,
  retryMode: 'adaptive' as const,
  maxAttempts: MAX_ATTEMPTS,
  requestHandler: connections,
});

const common = (options: ClientOptions) => ({
  ...retrySettings(options.region),
  customUserAgent: 'rolemodel-action',
  ...(options.credentials ? { credentials: options.credentials } : {}),
});

/** LimitExceeded is never retried; ExpiredToken refreshes the credentials once (resilience.ts). */
export const iamClient = (options: ClientOptions): IAMClient => resilient(new IAMClient(common(options)));
export const cloudFormationClient = (options: ClientOptions): CloudFormationClient =>
  resilient(new CloudFormationClient(common(options)));
