// AssumeRole for a person: their session name, an optional MFA code, the duration they ask
// for. The credentials come back as plain values for the cache and the environment.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface AssumeRequest {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly durationSeconds: number;
  readonly mfa: { readonly serialNumber: string; readonly tokenCode: string } | undefined;
}

export const assumeRole = async (sts: STSClient, request: AssumeRequest): Promise<TemporaryCredentials> => {
  const result = await sts.send(
    new AssumeRoleCommand({
      RoleArn: request.roleArn,
      RoleSessionName: request.sessionName,
      DurationSeconds: request.durationSeconds,
      ...(request.mfa === undefined
        ? {}
        : { SerialNumber: request.mfa.serialNumber, TokenCode: request.mfa.tokenCode }),
    }),
  );
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration)
    throw new Error(`STS returned no credentials for ${request.roleArn}.`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
};
