// The commands for the people who use the roles, through the bundled command line against
// the AWS emulator after an update deployed the samples (whose roles require MFA): alice, an
// IAM user with an access key (profile `alice`) and a virtual MFA device, assumes her roles
// and writes her ~/.aws/config profiles.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-providers';
import { totp } from '../support/aws-emulator/index.ts';
import { ACCOUNTS, ALICE_MFA, KEYS, MASTER, MFA_SECRETS, startCliScenario } from './cli-scenario.ts';
import type { CliRun, CliScenario } from './cli-scenario.ts';

let s: CliScenario;
beforeAll(async () => {
  s = await startCliScenario();
  const update = await s.cli(['update', '--yes']);
  expect(update.exitCode).toBe(0);
});
afterAll(async () => s.close());
beforeEach(() => {
  rmSync(join(s.home, '.cache'), { recursive: true, force: true });
  rmSync(join(s.home, '.aws', 'config'), { force: true });
  s.aws.setTemporaryCredentialsTtl(undefined);
});

/** The code alice's device shows now. */
const aliceCode = (): string => totp(MFA_SECRETS.alice, Date.now());
const roleOf = (account: string, logicalId: string) =>
  s.aws.iamState(account).roles.find((r) => r.name.startsWith(`RoleModel-${logicalId}-`));
const stsCalls = (run: CliRun) => run.requests.filter((r) => r.service === 'sts');

interface PrintedCredentials {
  roleArn: string;
  sessionName: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

/** Who AWS says these credentials are. */
const identityOf = async ({
  accessKeyId,
  secretAccessKey,
  sessionToken,
}: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}) => {
  const credentials = { accessKeyId, secretAccessKey, sessionToken };
  const sts = new STSClient({ endpoint: s.aws.url, region: 'us-east-1', credentials });
  try {
    return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    sts.destroy();
  }
};

/** A program that prints the AWS variables it was given and exits with 3. */
const PRINT_ENV = [
  process.execPath,
  '-e',
  'const e = process.env; console.log(JSON.stringify({ id: e.AWS_ACCESS_KEY_ID, secret: e.AWS_SECRET_ACCESS_KEY, token: e.AWS_SESSION_TOKEN, region: e.AWS_REGION, profile: e.AWS_PROFILE ?? null })); process.exit(3)',
];

describe('assume', () => {
  test('runs a command with the role, the MFA code read from standard input, and passes its exit code through', async () => {
    const run = await s.cli(
      ['assume', 'prod.ReadOnlyRole', '--config', 'rolemodel.yml', '--', ...PRINT_ENV],
      {
        stdin: `${aliceCode()}\n`,
        env: { AWS_PROFILE: 'alice' },
      },
    );
    expect(run.stderr).toBe(`MFA code for ${ALICE_MFA}: \n`);
    expect(run.exitCode).toBe(3);
    const env = JSON.parse(run.stdout) as {
      id: string;
      secret: string;
      token: string;
      region: string;
      profile: string | null;
    };
    expect(env.id).toMatch(/^ASIA/);
    expect(env.region).toBe('us-east-1');
    // A profile left in the environment would win over the credentials in some SDKs.
    expect(env.profile).toBeNull();
    // The session is named after the IAM user, so CloudTrail shows who.
    expect(
      await identityOf({ accessKeyId: env.id, secretAccessKey: env.secret, sessionToken: env.token }),
    ).toBe(
      `arn:aws:sts::${ACCOUNTS.prod}:assumed-role/${roleOf(ACCOUNTS.prod, 'ReadOnlyRole')?.name ?? ''}/alice`,
    );
    // The config says the role requires MFA: one AssumeRole, with the code, by alice's own key.
    expect(stsCalls(run).map((r) => [r.operation, r.accessKeyId, r.status])).toEqual([
      ['AssumeRole', KEYS.alice.accessKeyId, 200],
    ]);
  });

  test('a second assume is served from the cache (mode 0600) with no call to AWS at all', async () => {
    const first = await s.cli(['assume', 'staging.AdminRole', '--profile', 'alice', '--format', 'json'], {
      stdin: `${aliceCode()}\n`,
    });
    expect(first.exitCode).toBe(0);
    const issued = JSON.parse(first.stdout) as PrintedCredentials;
    expect(issued.roleArn).toBe(roleOf(ACCOUNTS.staging, 'AdminRole')?.arn);
    expect(issued.sessionName).toBe('alice');
    const cacheDir = join(s.home, '.cache', 'rolemodel', 'credentials');
    const files = readdirSync(cacheDir);
    expect(files).toEqual([expect.stringMatching(/^staging\.AdminRole--[0-9a-f]{16}\.json$/)]);
    expect(statSync(join(cacheDir, files[0] ?? '')).mode & 0o777).toBe(0o600);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);

    const second = await s.cli(['assume', 'staging.AdminRole', '--profile', 'alice', '--format', 'json']);
    expect(second.exitCode).toBe(0);
    expect(second.requests).toEqual([]);
    expect((JSON.parse(second.stdout) as PrintedCredentials).accessKeyId).toBe(issued.accessKeyId);
  });

  test('credentials about to expire are refreshed; --refresh-before decides how soon', async () => {
    // The emulator issues 10-minute credentials: inside the default 15-minute margin.
    s.aws.setTemporaryCredentialsTtl(600);
    const args = [
      'assume',
      'prod.AdminRole',
      '--config',
      'rolemodel.yml',
      '--profile',
      'alice',
      '--format',
      'json',
    ];
    const first = await s.cli(args, { stdin: `${aliceCode()}\n` });
    expect(first.exitCode).toBe(0);
    const refreshed = await s.cli(args, { stdin: `${aliceCode()}\n` });
    expect(refreshed.exitCode).toBe(0);
    expect(stsCalls(refreshed).map((r) => r.operation)).toEqual(['AssumeRole']);
    const newer = JSON.parse(refreshed.stdout) as PrintedCredentials;
    expect(newer.accessKeyId).not.toBe((JSON.parse(first.stdout) as PrintedCredentials).accessKeyId);
    // With a 5-minute margin the 10-minute credentials are still good.
    const cached = await s.cli([...args, '--refresh-before', '5m']);
    expect(cached.exitCode).toBe(0);
    expect(cached.requests).toEqual([]);
    expect((JSON.parse(cached.stdout) as PrintedCredentials).accessKeyId).toBe(newer.accessKeyId);
  });

  test('the MFA code is typed in a terminal, and sent as SerialNumber/TokenCode', async () => {
    const run = await s.cli(
      ['assume', 'prod.ReadOnlyRole', '--profile', 'alice', '--format', 'json', '--config', 'rolemodel.yml'],
      {
        terminal: { typed: `${aliceCode()}\n`, when: 'MFA code for' },
      },
    );
    expect(run.exitCode).toBe(0);
    // In a terminal the prompt is bold, and progress is shown.
    expect(run.stdout).toContain(`\u001b[1mMFA code for ${ALICE_MFA}: \u001b[22m`);
    expect(run.stdout).toMatch(
      /Assumed arn:aws:iam::210987654321:role\/RoleModel-ReadOnlyRole-\w+ as alice, until /,
    );
    const printed = JSON.parse(/\{[\s\S]*\}/.exec(run.stdout)?.[0] ?? '{}') as PrintedCredentials;
    expect(await identityOf(printed)).toMatch(/:assumed-role\/RoleModel-ReadOnlyRole-\w+\/alice$/);
    // The role's trust policy requires MFA; the emulator let her in only with a valid code of her device.
    expect(stsCalls(run).map((r) => [r.operation, r.status])).toEqual([['AssumeRole', 200]]);
  });

  test('a wrong code is refused by STS: one line, exit 1, nothing cached', async () => {
    const now = Date.now();
    const shown = [-30_000, 0, 30_000].map((d) => totp(MFA_SECRETS.alice, now + d));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !shown.includes(c)) ?? '';
    const run = await s.cli(
      ['assume', 'prod.ReadOnlyRole', '--profile', 'alice', '--config', 'rolemodel.yml'],
      {
        stdin: `${wrong}\n`,
      },
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /\nrolemodel: Could not assume arn:aws:iam::210987654321:role\/RoleModel-ReadOnlyRole-\w+ as arn:aws:iam::123456789012:user\/alice: AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code\. .+\n$/,
    );
    expect(existsSync(join(s.home, '.cache', 'rolemodel'))).toBe(false);
  });

  test('without the files: the role comes from her own groups; MFA is asked for once AWS refuses without it', async () => {
    const run = await s.cli(
      ['assume', 'prod.AdminRole', '--profile', 'alice', '--format', 'credential-process'],
      {
        stdin: `${aliceCode()}\n`,
      },
    );
    expect(run.exitCode).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual([
      'Version',
      'AccessKeyId',
      'SecretAccessKey',
      'SessionToken',
      'Expiration',
    ]);
    expect(printed['Version']).toBe(1);
    expect(run.requests.map((r) => [r.operation, r.status])).toEqual([
      ['GetUser', 200],
      ['ListGroupsForUser', 200],
      ['GetGroupPolicy', 200],
      ['GetGroupPolicy', 200],
      ['GetGroupPolicy', 200],
      ['AssumeRole', 403],
      ['ListMFADevices', 200],
      ['AssumeRole', 200],
    ]);
  });

  test('a role she does not hold: says which she holds; no STS call', async () => {
    const run = await s.cli(['assume', 'cdn.AdminRole', '--profile', 'alice']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'rolemodel: You (alice) are not in cdn.AdminRole. Your roles: prod.AdminRole, prod.ReadOnlyRole, staging.AdminRole.\n',
    );
    expect(stsCalls(run)).toEqual([]);
  });

  test('export lines for a shell by default', async () => {
    const run = await s.cli(
      ['assume', 'prod.ReadOnlyRole', '--profile', 'alice', '--config', 'rolemodel.yml'],
      {
        stdin: `${aliceCode()}\n`,
      },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^export AWS_ACCESS_KEY_ID='ASIA\w+'\nexport AWS_SECRET_ACCESS_KEY='[^']+'\nexport AWS_SESSION_TOKEN='[^']+'\nexport AWS_CREDENTIAL_EXPIRATION='[\d-]+T[\d:.]+Z'\nexport AWS_REGION='us-east-1'\nexport AWS_DEFAULT_REGION='us-east-1'\n$/,
    );
  });
});

describe('profiles', () => {
  const USER_CONFIG =
    '# my own settings\n[default]\nregion = eu-west-1\noutput = json\n\n[profile personal]\nregion = eu-central-1\n';
  const configPath = () => join(s.home, '.aws', 'config');

  test('--write twice leaves one block, her own settings intact, and profiles the SDK can use', async () => {
    writeFileSync(configPath(), USER_CONFIG, { mode: 0o640 });
    const first = await s.cli(['profiles', '--write', '--profile', 'alice', '--config', 'rolemodel.yml']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^Added the RoleModel block in .+\/\.aws\/config: 3 profile\(s\)/);
    const second = await s.cli(['profiles', '--write', '--profile', 'alice', '--config', 'rolemodel.yml']);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/^Replaced the RoleModel block/);

    const text = readFileSync(configPath(), 'utf8');
    expect(text.startsWith(`${USER_CONFIG}\n# >>> rolemodel profiles >>>\n`)).toBe(true);
    expect(text.match(/# >>> rolemodel profiles >>>/g)).toHaveLength(1);
    expect(text.match(/# <<< rolemodel profiles <<</g)).toHaveLength(1);
    expect(text.endsWith('# <<< rolemodel profiles <<<\n')).toBe(true);
    expect(statSync(configPath()).mode & 0o777).toBe(0o640);
    expect(text).toContain(
      [
        '[profile prod-ReadOnlyRole]',
        `role_arn = ${roleOf(ACCOUNTS.prod, 'ReadOnlyRole')?.arn ?? ''}`,
        'source_profile = alice',
        `mfa_serial = ${ALICE_MFA}`,
        'region = us-east-1',
        'role_session_name = alice',
      ].join('\n'),
    );
    expect(text.match(/^\[profile /gm)).toHaveLength(4);

    // The standard SDK chain reads what was written: role_arn from source_profile, with MFA.
    const credentials = await fromIni({
      profile: 'prod-ReadOnlyRole',
      filepath: join(s.home, '.aws', 'credentials'),
      configFilepath: configPath(),
      mfaCodeProvider: async () => aliceCode(),
      clientConfig: { endpoint: s.aws.url, region: 'us-east-1' },
    })();
    expect(await identityOf({ ...credentials, sessionToken: credentials.sessionToken ?? '' })).toMatch(
      /:assumed-role\/RoleModel-ReadOnlyRole-\w+\/alice$/,
    );
  });

  test('a profile of hers with the same name is never overwritten: refused at its line, file unchanged', async () => {
    const mine = `${USER_CONFIG}\n[profile prod-AdminRole]\nrole_arn = arn:aws:iam::${ACCOUNTS.prod}:role/mine\n`;
    writeFileSync(configPath(), mine);
    const run = await s.cli(['profiles', '--write', '--profile', 'alice']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain(
      `${configPath()}:9:1: error: Profile "prod-AdminRole" is already defined here, outside the RoleModel block. Remove or rename it`,
    );
    expect(readFileSync(configPath(), 'utf8')).toBe(mine);
  });

  test('without --write the blocks are printed; nothing is written', async () => {
    mkdirSync(join(s.home, '.aws'), { recursive: true });
    const run = await s.cli(['profiles', '--profile', 'alice', '--source-profile', 'me']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^# >>> rolemodel profiles >>>\n# Roles alice may assume from the master account 123456789012\./,
    );
    expect(run.stdout).toContain(
      '[profile staging-AdminRole]\nrole_arn = arn:aws:iam::310987654321:role/RoleModel-AdminRole-',
    );
    expect(run.stdout).toContain('source_profile = me');
    expect(existsSync(configPath())).toBe(false);
    expect(run.requests.filter((r) => r.mutating)).toEqual([]);
    expect(run.requests.every((r) => r.account === MASTER)).toBe(true);
  });
});
