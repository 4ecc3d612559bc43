// STS through the real SDK v3 client: identities, AssumeRole (chaining, trust), web identity, expiry.
import { ListGroupsCommand } from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, type Clients } from './helpers.ts';

const TARGET = '210987654321';
const ROLE_ARN = `arn:aws:iam::${TARGET}:role/deployer`;

let emu: AwsEmulator;
let master: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator({ checkTrust: true });
  master = clientsFor(emu);
});
afterAll(async () => {
  destroyClients(master);
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  const trustsDeployer = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sts:AssumeRole' }],
  };
  emu.seed({
    accounts: {
      [TARGET]: { roles: [{ name: 'deployer' }, { name: 'chained', trustPolicy: trustsDeployer }] },
    },
  });
});

const credentialsOf = (result: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string };
}) => ({
  accessKeyId: result.Credentials?.AccessKeyId ?? '',
  secretAccessKey: result.Credentials?.SecretAccessKey ?? '',
  sessionToken: result.Credentials?.SessionToken ?? '',
});

/** A syntactically valid (unsigned) GitHub-style OIDC token. */
function githubToken(): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:org/repo:ref:refs/heads/main',
    aud: 'sts.amazonaws.com',
  };
  return `${encode({ alg: 'RS256' })}.${encode(claims)}.signature`;
}

test('GetCallerIdentity of the master key is the account root', async () => {
  const identity = await master.sts.send(new GetCallerIdentityCommand({}));
  expect(identity).toMatchObject({
    Account: '123456789012',
    Arn: 'arn:aws:iam::123456789012:root',
    UserId: '123456789012',
  });
});

test('an unknown access key is rejected with InvalidClientTokenId', async () => {
  const stranger = clientsFor(emu, { credentials: { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' } });
  const error = await errorOf(stranger.sts.send(new GetCallerIdentityCommand({})));
  expect(error).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  destroyClients(stranger);
});

test('static keys registered for another account act in that account', async () => {
  const key = emu.addAccessKey(TARGET, { userName: 'ci' });
  const other = clientsFor(emu, { credentials: key });
  const identity = await other.sts.send(new GetCallerIdentityCommand({}));
  expect(identity).toMatchObject({ Account: TARGET, Arn: `arn:aws:iam::${TARGET}:user/ci` });
  expect(identity.UserId).toMatch(/^AIDA/);
  destroyClients(other);
});

test('AssumeRole returns temporary credentials bound to the role account', async () => {
  const result = await master.sts.send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'deploy' }),
  );
  expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
  expect(result.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  expect(result.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/deployer/deploy`);
  const assumed = clientsFor(emu, { credentials: credentialsOf(result) });
  const identity = await assumed.sts.send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe(TARGET);
  expect(identity.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/deployer/deploy`);
  expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:deploy$/);
  destroyClients(assumed);
});

test('AssumeRole chaining: assumed credentials can assume another role', async () => {
  const first = await master.sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'one' }));
  const hop = clientsFor(emu, { credentials: credentialsOf(first) });
  const second = await hop.sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/chained`, RoleSessionName: 'two' }),
  );
  const chained = clientsFor(emu, { credentials: credentialsOf(second) });
  expect((await chained.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
    `arn:aws:sts::${TARGET}:assumed-role/chained/two`,
  );
  const tooLong = await errorOf(
    hop.sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${TARGET}:role/chained`,
        RoleSessionName: 'x1',
        DurationSeconds: 7200,
      }),
    ),
  );
  expect(tooLong).toMatchObject({ name: 'ValidationError', status: 400 });
  destroyClients(hop);
  destroyClients(chained);
});

test('AssumeRole into a missing role is AccessDenied with the AWS message shape', async () => {
  const arn = `arn:aws:iam::${TARGET}:role/missing`;
  const error = await errorOf(
    master.sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1' })),
  );
  expect(error).toEqual({
    name: 'AccessDenied',
    status: 403,
    message: `User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
  });
});

test('checkTrust: a role not trusting the caller cannot be assumed', async () => {
  emu.seed({
    accounts: {
      [TARGET]: {
        roles: [
          {
            name: 'closed',
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: 'arn:aws:iam::999999999999:root' },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
          },
        ],
      },
    },
  });
  const error = await errorOf(
    master.sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${TARGET}:role/closed`, RoleSessionName: 's1' }),
    ),
  );
  expect(error).toMatchObject({ name: 'AccessDenied', status: 403 });
});

test('RoleSessionName is validated like STS does', async () => {
  for (const name of ['x', 'has space', 'y'.repeat(65)]) {
    const error = await errorOf(
      master.sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: name })),
    );
    expect(error).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(error.message).toMatch(
      /^1 validation error detected: Value '.*' at 'roleSessionName' failed to satisfy constraint/,
    );
  }
});

test('AssumeRoleWithWebIdentity works unsigned and needs a federated trust', async () => {
  // No credentials at all: the SDK sends this operation unsigned.
  const anonymous = new STSClient({ endpoint: emu.url, region: 'us-east-1', maxAttempts: 1 });
  const result = await anonymous.send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: ROLE_ARN,
      RoleSessionName: 'gha',
      WebIdentityToken: githubToken(),
    }),
  );
  expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  expect(result.SubjectFromWebIdentityToken).toBe('repo:org/repo:ref:refs/heads/main');
  expect(result.Provider).toBe('token.actions.githubusercontent.com');
  expect(emu.requestLog().at(-1)).toMatchObject({
    service: 'sts',
    operation: 'AssumeRoleWithWebIdentity',
    status: 200,
  });

  emu.seed({
    accounts: {
      [TARGET]: {
        roles: [
          {
            name: 'no-oidc',
            trustPolicy: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'sts:AssumeRole' }],
            },
          },
        ],
      },
    },
  });
  const denied = await errorOf(
    anonymous.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${TARGET}:role/no-oidc`,
        RoleSessionName: 'gha',
        WebIdentityToken: githubToken(),
      }),
    ),
  );
  expect(denied).toEqual({
    name: 'AccessDenied',
    status: 403,
    message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
  });
  anonymous.destroy();
});

test('temporary credentials expire: ExpiredToken', async () => {
  const result = await master.sts.send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'short' }),
  );
  const assumed = clientsFor(emu, { credentials: credentialsOf(result) });
  await assumed.iam.send(new ListGroupsCommand({}));
  emu.expireTemporaryCredentials(result.Credentials?.AccessKeyId);
  const error = await errorOf(assumed.iam.send(new ListGroupsCommand({})));
  expect(error).toMatchObject({
    name: 'ExpiredToken',
    message: 'The security token included in the request is expired',
  });
  destroyClients(assumed);
});

test('temporaryCredentialsTtlSeconds makes sessions short-lived', async () => {
  const shortLived = await startAwsEmulator({ temporaryCredentialsTtlSeconds: 1 });
  shortLived.seed({ accounts: { [TARGET]: { roles: [{ name: 'deployer' }] } } });
  const clients = clientsFor(shortLived);
  const result = await clients.sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ttl' }));
  expect(result.Credentials?.Expiration?.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  const assumed = clientsFor(shortLived, { credentials: credentialsOf(result) });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await errorOf(assumed.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
    name: 'ExpiredToken',
  });
  destroyClients(assumed);
  destroyClients(clients);
  await shortLived.close();
});

test('a wrong session token is rejected', async () => {
  const result = await master.sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'tok' }));
  const forged = clientsFor(emu, { credentials: { ...credentialsOf(result), sessionToken: 'forged' } });
  expect(await errorOf(forged.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({
    name: 'InvalidClientTokenId',
    status: 403,
  });
  destroyClients(forged);
});

test('clients configured only through AWS_ENDPOINT_URL reach the emulator', async () => {
  const saved = { ...process.env };
  process.env.AWS_ENDPOINT_URL = emu.url;
  process.env.AWS_ACCESS_KEY_ID = emu.masterCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = emu.masterCredentials.secretAccessKey;
  process.env.AWS_REGION = 'us-east-1';
  try {
    const client = new STSClient({});
    const identity = await client.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    client.destroy();
  } finally {
    process.env = saved;
  }
});
