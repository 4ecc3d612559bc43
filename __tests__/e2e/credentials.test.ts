import { readFileSync } from 'node:fs';
// Credential and region problems end the run with a message that says what to fix.
import { ACCOUNTS, MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario | undefined;
afterEach(async () => scenario?.close());

const messages = (r: { annotations: readonly { message: string }[] }): string =>
  r.annotations.map((a) => a.message).join('\n');

test('a master role whose trust policy does not allow GitHub names the role and what to check', async () => {
  scenario = await startScenario({
    checkTrust: true,
    deployerTrust: { [MASTER]: { Version: '2012-10-17', Statement: [] } },
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(1);
  expect(messages(result)).toMatch(
    /Could not assume arn:aws:iam::123456789012:role\/rolemodel-deployer with the GitHub OIDC token/,
  );
  expect(messages(result)).toMatch(
    /trust policy allows the federated principal token\.actions\.githubusercontent\.com/,
  );
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
});

test('an account whose deployer role refuses the master role fails only that account, with the reason', async () => {
  scenario = await startScenario({
    checkTrust: true,
    deployerTrust: { [ACCOUNTS.cdn]: { Version: '2012-10-17', Statement: [] } },
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(1);
  const plan = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
    stacks: { accountName: string; action: string; reason?: string }[];
  };
  const cdn = plan.stacks.find((st) => st.accountName === 'cdn');
  expect(cdn?.action).toBe('error');
  expect(cdn?.reason).toMatch(
    /Could not assume arn:aws:iam::410987654321:role\/rolemodel-deployer \(account "cdn"\)/,
  );
  expect(cdn?.reason).toMatch(
    /Check that its trust policy allows arn:aws:iam::123456789012:role\/rolemodel-deployer/,
  );
  expect(result.summary).toMatch(/Could not assume arn:aws:iam::410987654321:role/);
  // The other accounts were still planned.
  expect(result.summary).toMatch(/### prod/);
});

test('no region anywhere says where to set one', async () => {
  scenario = await startScenario();
  scenario.edit('rolemodel.yml', (t) => t.replace(/^region: .*$/m, ''));
  const result = await scenario.plan({ env: { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined } });
  expect(result.exitCode).toBe(1);
  expect(messages(result)).toMatch(
    /No AWS region: set `region:` in the config file, the `aws-region` input, or AWS_REGION/,
  );
});

test('ambient credentials (e.g. from configure-aws-credentials) work without an OIDC token', async () => {
  scenario = await startScenario();
  const { accessKeyId, secretAccessKey } = scenario.aws.masterCredentials;
  const result = await scenario.plan({
    oidc: false,
    inputs: { credentials: 'ambient' },
    env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey },
  });
  expect(result.exitCode).toBe(0);
  expect(result.summary).toMatch(/3 stacks created/);
});

test('every credential the run receives is masked, and none appears in the log', async () => {
  scenario = await startScenario();
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  const keys = [
    ...new Set(
      scenario.aws.requestLog().flatMap((e) => (e.accessKeyId?.startsWith('ASIA') ? [e.accessKeyId] : [])),
    ),
  ];
  expect(keys.length).toBe(4); // the master session and one per account
  for (const key of keys) expect(result.masks).toContain(key);
  expect(result.masks.length).toBeGreaterThanOrEqual(keys.length * 3);
  for (const secret of result.masks) expect(result.maskedStdout).not.toContain(secret);
});

test('`assume: web-identity` assumes each account role with the OIDC token, not by chaining', async () => {
  scenario = await startScenario();
  // The samples' cdn overrides the mode per account: both kinds of setting are changed.
  scenario.edit('rolemodel.yml', (t) => t.replace(/^(\s*)assume: chain$/gm, '$1assume: web-identity'));
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  const sts = scenario.aws
    .requestLog()
    .filter((e) => e.service === 'sts')
    .map((e) => e.operation);
  expect(sts.filter((op) => op === 'AssumeRoleWithWebIdentity')).toHaveLength(4);
  expect(sts).not.toContain('AssumeRole');
});

test('max-concurrency bounds how many accounts are reviewed at once', async () => {
  scenario = await startScenario({ changeSetDelayMs: 60 });
  const windows = (log: { account?: string; operation: string; time: number }[]) =>
    Object.values(ACCOUNTS).map((id) => {
      const own = log.filter((e) => e.account === id && /ChangeSet/.test(e.operation));
      return { start: Math.min(...own.map((e) => e.time)), end: Math.max(...own.map((e) => e.time)) };
    });
  const overlapping = (w: { start: number; end: number }[]) =>
    w.some((a, i) => w.some((b, j) => i !== j && a.start < b.end && b.start < a.end));

  expect((await scenario.plan({ inputs: { 'max-concurrency': '1' } })).exitCode).toBe(0);
  expect(overlapping(windows(scenario.aws.requestLog()))).toBe(false);
  scenario.aws.clearRequestLog();
  expect((await scenario.plan({ inputs: { 'max-concurrency': '3' } })).exitCode).toBe(0);
  expect(overlapping(windows(scenario.aws.requestLog()))).toBe(true);
});

// The STS clients inside the credential providers retry like every other client: without
// that, three throttled or dropped AssumeRole calls in a row fail a whole account.
test('throttled and dropped role assumptions are retried, not reported as trust problems', async () => {
  scenario = await startScenario();
  // Rate 1 with counts of 3 per caller: the SDK's default of 3 attempts would fail every one.
  scenario.aws.setDroppedConnections(1, { operations: ['AssumeRoleWithWebIdentity'], count: 3 });
  scenario.aws.setThrottling(1, { operations: ['AssumeRole'], count: 3 * Object.keys(ACCOUNTS).length });
  const result = await scenario.plan();
  expect(messages(result)).not.toMatch(/Could not assume/);
  expect(result.exitCode).toBe(0);
  const faults = scenario.aws.requestLog().filter((e) => e.fault !== undefined);
  expect(faults.filter((e) => e.operation === 'AssumeRoleWithWebIdentity')).toHaveLength(3);
  expect(faults.filter((e) => e.operation === 'AssumeRole')).toHaveLength(9);
  expect(result.summary).toMatch(/3 stacks created/);
});

// A run longer than the sessions it gets: every credential here lives 2 s, the apply over 3 s
// (its stack operations alone take 3 s). Each account's credentials, and the master's OIDC
// session, are fetched again before they expire, so no call is ever refused with ExpiredToken.
test('credentials that expire during the run are fetched again before they do', async () => {
  scenario = await startScenario({ temporaryCredentialsTtlSeconds: 2, stackOperationDelayMs: 3_000 });
  const result = await scenario.apply();
  // The scenario's direct push is applied under `unreviewed: warn`, which says so; nothing else is said.
  expect(messages(result).replace(/^Applied \d+ widening\(s\) of access without review .*$/m, '')).toBe('');
  expect(result.exitCode).toBe(0);
  const log = scenario.aws.requestLog();
  expect(log.filter((e) => e.errorCode === 'ExpiredToken')).toEqual([]);
  expect(log.filter((e) => e.operation === 'AssumeRoleWithWebIdentity').length).toBeGreaterThan(1);
  for (const id of Object.values(ACCOUNTS)) {
    const keys = new Set(log.filter((e) => e.account === id).map((e) => e.accessKeyId));
    expect(keys.size).toBeGreaterThan(1);
    expect(scenario.aws.stacks(id).map((st) => st.status)).toEqual(['CREATE_COMPLETE']);
  }
});
