// Assumed-role credentials as a program prints them for others to read: shell `export` lines
// (values single-quoted, so no value can run anything in `eval`), a JSON document, or the
// document the AWS SDKs and CLI expect from a `credential_process`.

export type CredentialsFormat = 'env' | 'json' | 'credential-process';

export interface PrintableCredentials {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly region: string | undefined;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** `unsetProfile`: the shell has AWS_PROFILE, which some SDKs would prefer to the exported keys. */
export const renderCredentials = (
  c: PrintableCredentials,
  format: CredentialsFormat,
  unsetProfile: boolean,
): string => {
  const expiration = c.expiration.toISOString();
  if (format === 'credential-process')
    return `${JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Expiration: expiration })}\n`;
  if (format === 'json')
    return `${JSON.stringify(
      {
        roleArn: c.roleArn,
        sessionName: c.sessionName,
        region: c.region ?? null,
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration,
      },
      null,
      2,
    )}\n`;
  return [
    ...(unsetProfile ? ['unset AWS_PROFILE'] : []),
    `export AWS_ACCESS_KEY_ID=${quote(c.accessKeyId)}`,
    `export AWS_SECRET_ACCESS_KEY=${quote(c.secretAccessKey)}`,
    `export AWS_SESSION_TOKEN=${quote(c.sessionToken)}`,
    `export AWS_CREDENTIAL_EXPIRATION=${quote(expiration)}`,
    ...(c.region === undefined
      ? []
      : [`export AWS_REGION=${quote(c.region)}`, `export AWS_DEFAULT_REGION=${quote(c.region)}`]),
    '',
  ].join('\n');
};
