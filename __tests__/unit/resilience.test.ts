// The two corrections every IAM and CloudFormation client gets (src/aws/resilience.ts), with
// the real SDK client against the emulator: a LimitExceeded is final at the first answer
// while throttling is still retried, and an ExpiredToken renews the credentials once for all
// the calls that met it, each call then made once more.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AddUserToGroupCommand, CreateGroupCommand, IAMClient, ListGroupsCommand } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@smithy/types';
import { retrySettings } from '../../src/aws/clients.ts';
import { limitsAreFinal, resilient } from '../../src/aws/resilience.ts';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';

let emu: AwsEmulator;
beforeAll(async () => {
  emu = await startAwsEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  emu.seed({ accounts: { [emu.masterAccountId]: { roles: [{ name: 'deployer' }], users: ['alice'] } } });
});

/** A session of the master account's deployer role, fetched anew on each call; counts them. */
const sessions = () => {
  const sts = new STSClient({ endpoint: emu.url, region: 'us-east-1', credentials: emu.masterCredentials });
  const forced: boolean[] = [];
  const provider = async (options?: Record<string, unknown>): Promise<AwsCredentialIdentity> => {
    forced.push(options?.['forceRefresh'] === true);
    const out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${emu.masterAccountId}:role/deployer`,
        RoleSessionName: 'test',
      }),
    );
    return {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
      expiration: out.Credentials?.Expiration ?? new Date(Date.now() + 3_600_000),
    };
  };
  return { provider, forced, close: () => sts.destroy() };
};

const iamWith = (credentials: ReturnType<typeof sessions>['provider']): IAMClient =>
  resilient(new IAMClient({ ...retrySettings('us-east-1'), endpoint: emu.url, credentials }));

test('LimitExceeded is answered once and never retried; throttling still is', async () => {
  const s = sessions();
  const iam = iamWith(s.provider);
  emu.seed({
    accounts: {
      [emu.masterAccountId]: {
        groups: Array.from({ length: 11 }, (_, i) => ({ name: `g${i}`, members: i < 10 ? ['alice'] : [] })),
      },
    },
  });
  await expect(
    iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'alice' })),
  ).rejects.toMatchObject({
    name: 'LimitExceededException',
    $metadata: { attempts: 1 },
  });
  expect(emu.requestLog().filter((e) => e.operation === 'AddUserToGroup')).toHaveLength(1);

  emu.setThrottling(1, { operations: ['CreateGroup'], count: 2 });
  const created = await iam.send(new CreateGroupCommand({ GroupName: 'after-throttling' }));
  expect(created.$metadata.attempts).toBe(3);
  iam.destroy();
  s.close();
});

test('an ExpiredToken renews the credentials once for every call that met it, and each is made once more', async () => {
  const s = sessions();
  const iam = iamWith(s.provider);
  await iam.send(new ListGroupsCommand({}));
  emu.whenCalled('CreateGroup', () => emu.expireTemporaryCredentials());
  await Promise.all(['a', 'b', 'c', 'd'].map((g) => iam.send(new CreateGroupCommand({ GroupName: g }))));
  expect(emu.iamState().groups.map((g) => g.name)).toEqual(['a', 'b', 'c', 'd']);
  const creates = emu.requestLog().filter((e) => e.operation === 'CreateGroup');
  const expired = creates.filter((e) => e.errorCode === 'ExpiredToken');
  expect(expired.length).toBeGreaterThanOrEqual(1);
  expect(creates).toHaveLength(4 + expired.length);
  // The first session, then one forced renewal for all of them.
  expect(s.forced).toEqual([false, true]);
  iam.destroy();
  s.close();
});

test('a call refused as expired twice is not retried again', async () => {
  const s = sessions();
  const iam = iamWith(s.provider);
  await iam.send(new ListGroupsCommand({}));
  emu.whenCalled('CreateGroup', () => emu.expireTemporaryCredentials());
  emu.whenCalled('CreateGroup', () => emu.expireTemporaryCredentials(), { call: 2 });
  await expect(iam.send(new CreateGroupCommand({ GroupName: 'x' }))).rejects.toMatchObject({
    name: 'ExpiredToken',
  });
  expect(emu.requestLog().filter((e) => e.operation === 'CreateGroup')).toHaveLength(2);
  iam.destroy();
  s.close();
});

test('limitsAreFinal hands everything but LimitExceeded to the strategy it wraps', async () => {
  const seen: string[] = [];
  const token = { getRetryCount: () => 0, getRetryDelay: () => 0 };
  const wrapped = limitsAreFinal({
    acquireInitialRetryToken: async () => token,
    refreshRetryTokenForRetry: async (_t, info) => {
      seen.push(info.errorType);
      return token;
    },
    recordSuccess: () => seen.push('success'),
  });
  await expect(
    wrapped.refreshRetryTokenForRetry(token, {
      errorType: 'THROTTLING',
      error: Object.assign(new Error('quota'), { name: 'LimitExceededException' }),
    } as never),
  ).rejects.toThrow('A LimitExceeded is not retried');
  await wrapped.refreshRetryTokenForRetry(token, {
    errorType: 'THROTTLING',
    error: Object.assign(new Error('slow down'), { name: 'Throttling' }),
  } as never);
  wrapped.recordSuccess(token);
  expect(seen).toEqual(['THROTTLING', 'success']);
});
