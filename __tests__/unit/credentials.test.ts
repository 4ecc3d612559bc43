// Credentials are shared by an account's clients, masked, and fetched again before expiry.
import { jest } from '@jest/globals';

const setSecret = jest.fn();
jest.unstable_mockModule('@actions/core', () => ({
  setSecret,
  getIDToken: jest.fn(),
  info: jest.fn(),
  debug: jest.fn(),
}));
const { shared, explainChainedAssume } = await import('../../src/aws/credentials.ts');
const { sessionName } = await import('../../src/aws/session-name.ts');

const credentials = (minutes: number, n: number) => ({
  accessKeyId: `ASIA${n}`,
  secretAccessKey: `secret${n}`,
  sessionToken: `token${n}`,
  expiration: new Date(Date.now() + minutes * 60_000),
});

describe('shared credentials', () => {
  test('one fetch serves every caller while the credentials are fresh; all parts are masked', async () => {
    let n = 0;
    const provider = shared(
      async () => credentials(60, ++n),
      (e) => e,
      setSecret,
    );
    const got = await Promise.all([provider(), provider(), provider()]);
    expect(new Set(got.map((c) => c.accessKeyId))).toEqual(new Set(['ASIA1']));
    expect(setSecret).toHaveBeenCalledWith('secret1');
    expect(setSecret).toHaveBeenCalledWith('token1');
  });

  test('credentials within five minutes of expiry are fetched again, so long runs keep working', async () => {
    let n = 0;
    const provider = shared(
      async () => credentials(4, ++n),
      (e) => e,
      setSecret,
    );
    expect((await provider()).accessKeyId).toBe('ASIA1');
    expect((await provider()).accessKeyId).toBe('ASIA2');
  });

  test('a failure is explained, and the next call tries again', async () => {
    let fail = true;
    const provider = shared(
      async () => {
        if (fail) throw new Error('AccessDenied');
        return credentials(60, 9);
      },
      (e) => new Error(`explained: ${e.message}`),
      setSecret,
    );
    await expect(provider()).rejects.toThrow('explained: AccessDenied');
    fail = false;
    expect((await provider()).accessKeyId).toBe('ASIA9');
  });
});

describe('why an account role could not be assumed', () => {
  const account = {
    name: 'cdn',
    accountId: '410987654321',
    deployerRoleArn: 'arn:aws:iam::410987654321:role/rolemodel-deployer',
    assume: 'chain' as const,
    position: { file: 'rolemodel.yml', line: 9, column: 5 },
  };
  const settings = {
    source: 'oidc' as const,
    hooks: { idToken: async () => 'token', mask: setSecret, audience: 'sts.amazonaws.com' },
    region: 'eu-west-1',
    masterRoleArn: 'arn:aws:iam::123456789012:role/rolemodel-deployer',
    runId: '1',
    actor: 'octocat',
    repository: 'octo-org/access',
  };
  const explain = explainChainedAssume(account, settings);
  const named = (name: string, message: string, extra: object = {}): Error =>
    Object.assign(new Error(message), { name }, extra);

  test('access denied points at the trust policy to check', () => {
    const e = explain(named('AccessDenied', 'not authorized to perform sts:AssumeRole'));
    expect(e.message).toContain('(account "cdn") from the master role (AccessDenied');
    expect(e.message).toContain(
      'Check that its trust policy allows arn:aws:iam::123456789012:role/rolemodel-deployer',
    );
  });

  test.each([
    ['throttling', named('Throttling', 'Rate exceeded')],
    ['a dropped connection', named('TimeoutError', 'socket hang up', { code: 'ECONNRESET' })],
    ['a 503', named('Unknown', 'oops', { $metadata: { httpStatusCode: 503 } })],
  ])('%s left after every retry says to rerun, not to edit a trust policy', (_, error) => {
    const e = explain(error);
    expect(e.message).toMatch(/\(account "cdn"\): AWS STS kept failing after 12 attempts/);
    expect(e.message).toContain('rerun the job');
    expect(e.message).not.toContain('trust policy');
  });
});

describe('session names', () => {
  test('identify the run and the actor within STS rules', () => {
    expect(sessionName('123', 'octo-cat[bot]', 'prod')).toBe('rolemodel-123-octo-cat_bot_-prod');
    const long = sessionName('1'.repeat(30), 'a'.repeat(50));
    expect(long.length).toBe(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
