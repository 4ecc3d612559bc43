// SDK clients, configured once: adaptive retries (AWS throttling is retried with backoff,
// not failed) and endpoints from the SDK's standard AWS_ENDPOINT_URL variables.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

export const MAX_ATTEMPTS = 12;

interface ClientOptions {
  readonly region: string;
  readonly credentials?: AwsCredentialIdentityProvider;
}

/** For every client, including the STS clients inside the credential providers: an
 * AssumeRole that meets throttling or a dropped connection is retried like any other call. */
export const retrySettings = (region: string) => ({
  region,
  retryMode: 'adaptive' as const,
  maxAttempts: MAX_ATTEMPTS,
});

const common = (options: ClientOptions) => ({
  ...retrySettings(options.region),
  customUserAgent: 'rolemodel-action',
  ...(options.credentials ? { credentials: options.credentials } : {}),
});

export const iamClient = (options: ClientOptions): IAMClient => new IAMClient(common(options));
export const cloudFormationClient = (options: ClientOptions): CloudFormationClient =>
  new CloudFormationClient(common(options));
