// The bundled command line on the files alone (no AWS): validate, explain and who-can on the
// samples, errors at file:line, usage errors, help for every command, colour only on a
// terminal, hostile text escaped, and the same answers under the machines' Node 20.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/args.ts';
import { runCli, systemNode } from '../support/cli/run-cli.ts';
import type { CliRunOptions } from '../support/cli/run-cli.ts';
import { REPO_ROOT } from '../support/harness/index.ts';

let workspace: string;
beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'rolemodel-cli-files-'));
  for (const file of ['rolemodel.yml', 'roles.yml', 'users.yml'])
    cpSync(join(REPO_ROOT, 'samples', file), join(workspace, file));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

const edit = (file: string, change: (text: string) => string) =>
  writeFileSync(join(workspace, file), change(readFileSync(join(workspace, file), 'utf8')));

/** No AWS endpoint a call could reach: these commands must not make one. */
const cli = (args: readonly string[], options: Partial<CliRunOptions> = {}) =>
  runCli({
    args,
    cwd: workspace,
    ...options,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: workspace,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      ...options.env,
    },
  });

describe('validate', () => {
  test('the samples are valid; the original CLI profile keys are honoured, not warned about', async () => {
    edit('rolemodel.yml', (t) =>
      t.replace(
        'master_account_role: rolemodel-deployer\n',
        'master_account_role: rolemodel-deployer\nmaster_account_profile: admin\n',
      ),
    );
    const run = await cli(['validate']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^The files are valid: 3 account\(s\), 12 group\(s\), 4 user\(s\) in 12 membership\(s\)\.\n {2}prod +210987654321 +stack RoleModel +4 group\(s\) +6 member\(s\)\n/,
    );
  });

  test('each problem is one line at its file:line:column with what to write instead; exit 1', async () => {
    edit('rolemodel.yml', (t) => t.replace("account_id: '310987654321'", 'account_id: 310987654321'));
    edit('users.yml', (t) =>
      t.replace('  FinanceRole:\n    - dave\n\nstaging', '  FinanceRol:\n    - dave\n\nstaging'),
    );
    const run = await cli(['validate']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^rolemodel\.yml:50:17: error: account_id is written as a number \(310987654321\); .* Quote it with all 12 digits: `account_id: "310987654321"`/,
    );
    expect(lines[1]).toMatch(
      /^users\.yml:17:3: error: Role "FinanceRol" is not an AWS::IAM::Role of roles\.yml\. Did you mean `FinanceRole`\? Use the logical id/,
    );
  });

  test('paths are shown from where the person is, and a missing config says what to do', async () => {
    const run = await cli(['validate'], { cwd: join(workspace, '..') });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'rolemodel: rolemodel.yml: no such file. Run rolemodel in the folder of your RoleModel files, or name the config (rolemodel path/to/rolemodel.yml validate, or --config PATH).\n',
    );
    const base = workspace.split('/').pop() ?? '';
    edit('users.yml', (t) => `${t}\nnowhere:\n  AdminRole: [alice]\n`);
    const nested = await cli([`${base}/rolemodel.yml`, 'validate'], { cwd: join(workspace, '..') });
    expect(nested.exitCode).toBe(1);
    expect(nested.stderr).toMatch(
      new RegExp(`^${base}/users\\.yml:\\d+:1: error: Account "nowhere" is not in`),
    );
  });

  test('--json is the document the action writes', async () => {
    const run = await cli(['validate', '--json']);
    expect(run.exitCode).toBe(0);
    const doc = JSON.parse(run.stdout) as { command: string; valid: boolean; desired: { groups: unknown[] } };
    expect(doc).toMatchObject({ command: 'validate', valid: true });
    expect(doc.desired.groups).toHaveLength(12);
  });
});

describe('explain and who-can on the samples', () => {
  test('explain prod.AdminRole: level, statements, trust with the master account and MFA, holders', async () => {
    const run = await cli(['explain', 'prod.AdminRole']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      [
        'prod.AdminRole: role AdminRole of roles.yml in account prod (210987654321)',
        'Level: admin',
        '  - Allow * on * (inline policy AdministratorAccess)',
        '',
        'Statements',
        '  Allow * on * (inline policy AdministratorAccess)',
        '',
        'Trust (MFA required)',
        '  123456789012:root when Bool aws:MultiFactorAuthPresent true and NumericLessThan aws:MultiFactorAuthAge 28800',
        '',
        'Held by (users.yml)',
        '  prod: alice',
        '',
      ].join('\n'),
    );
  });

  test('explain a role alone shows its holders in every account; --json; an unknown role suggests one', async () => {
    const run = await cli(['explain', 'ReadOnlyRole', '--json']);
    expect(run.exitCode).toBe(0);
    const doc = JSON.parse(run.stdout) as { level: string; holders: { account: string; users: string[] }[] };
    expect(doc.level).toBe('read-only');
    expect(doc.holders).toEqual([
      { account: 'prod', users: ['alice', 'bob', 'carol'] },
      { account: 'staging', users: ['carol'] },
      { account: 'cdn', users: ['bob'] },
    ]);
    const unknown = await cli(['explain', 'prod.AdminRol']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(
      /^rolemodel: roles\.yml has no role "AdminRol"\. Did you mean `AdminRole`\?/,
    );
  });

  test('who-can iam:CreateUser: only the admin roles, and who holds them', async () => {
    const run = await cli(['who-can', 'iam:CreateUser']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('  prod.AdminRole     (admin)  allowed  alice\n');
    expect(run.stdout).toContain('  staging.AdminRole  (admin)  allowed  alice, bob\n');
    expect(run.stdout).toContain('  cdn.AdminRole      (admin)  allowed  nobody\n');
    expect(run.stdout).not.toContain('SuperUserRole');
    expect(run.stdout).toMatch(
      /People\n {2}alice +prod\.AdminRole, staging\.AdminRole\n {2}bob +staging\.AdminRole\n/,
    );
  });

  test('who-can reads Deny and NotAction, wildcards, a resource and an account', async () => {
    // SuperUserRole: NotAction iam:* — so iam:PutRolePolicy is not allowed, but s3:PutObject is.
    const iam = JSON.parse((await cli(['who-can', 'iam:PutRolePolicy', '--json'])).stdout) as {
      rows: { role: string }[];
    };
    expect(new Set(iam.rows.map((r) => r.role))).toEqual(new Set(['AdminRole']));
    // A Deny on one bucket takes the action away there, and only there.
    edit('roles.yml', (t) =>
      t.replace(
        "              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n",
        "              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n              - Effect: Deny\n                Action: 's3:Delete*'\n                Resource: 'arn:aws:s3:::audit-logs/*'\n",
      ),
    );
    const denied = await cli([
      'who-can',
      's3:DeleteObject',
      '--resource',
      'arn:aws:s3:::audit-logs/2024/x',
      '--account',
      'prod',
      '--json',
    ]);
    const rows = (
      JSON.parse(denied.stdout) as { rows: { role: string; decision: string; reasons: string[] }[] }
    ).rows;
    expect(rows.find((r) => r.role === 'AdminRole')).toMatchObject({
      decision: 'denied',
      reasons: ['Deny s3:Delete* on arn:aws:s3:::audit-logs/* (inline policy AdministratorAccess)'],
    });
    expect(rows.find((r) => r.role === 'SuperUserRole')?.decision).toBe('allowed');
    const elsewhere = await cli([
      'who-can',
      's3:DeleteObject',
      '--resource',
      'arn:aws:s3:::other/x',
      '--account',
      'prod',
    ]);
    // (A Deny anywhere also means the role is no longer plain admin.)
    expect(elsewhere.stdout).toMatch(/prod\.AdminRole +\(iam-write\) +allowed +alice/);
    // Anywhere at all, the Deny on one bucket leaves "allowed with limits".
    const anywhere = await cli(['who-can', 's3:DeleteObject', '--account', 'prod']);
    expect(anywhere.stdout).toMatch(/prod\.AdminRole +\(iam-write\) +allowed with limits +alice/);
  });

  test('who-can a read of the AWS managed ReadOnlyAccess is "likely allowed"', async () => {
    const run = await cli(['who-can', 'ec2:DescribeInstances', '--account', 'staging']);
    expect(run.stdout).toMatch(/staging\.ReadOnlyRole +\(read-only\) +likely allowed +carol/);
  });
});

describe('the command line itself', () => {
  test('--help for the program and every command; help <command> says the same', async () => {
    const top = await cli(['--help']);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toMatch(/^rolemodel \d+\.\d+\.\d+: /);
    for (const command of COMMANDS) {
      const run = await cli([command, '--help']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: rolemodel .*${command}`));
      expect(run.stdout).toContain('Examples:');
      expect((await cli(['help', command])).stdout).toBe(run.stdout);
    }
  });

  test.each([
    [
      ['plann'],
      /^rolemodel: unknown command "plann"\. Did you mean `plan`\?\nRun 'rolemodel --help' for usage\.\n$/,
    ],
    [['plan', '--yse'], /^rolemodel: unknown option --yse\. Did you mean `--yes`\?\n/],
    [
      ['plan', '--yes'],
      /^rolemodel: --yes is not an option of plan\.\nRun 'rolemodel plan --help' for usage\.\n$/,
    ],
    [['assume'], /^rolemodel: assume needs the role: rolemodel assume <account>\.<role>\.\n/],
    [
      ['assume', 'prod.AdminRole', '--duration', '5x'],
      /^rolemodel: --duration is "5x"; write a duration such as 3600, 90s, 15m or 1h\.\n/,
    ],
    [['who-can', 's3:*'], /^rolemodel: "s3:\*" is not one action; write service:Action without wildcards/],
    [['validate', '--', 'ls'], /^rolemodel: only `assume` runs a program after `--`\.\n/],
    [[], /^rolemodel \d+\.\d+\.\d+: .*\n\nUsage: rolemodel \[CONFIG\] <command> \[options\]/],
  ])('%j is a usage error: exit 2', async (args, message) => {
    const run = await cli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  test('colour only on a terminal, and never with NO_COLOR', async () => {
    const piped = await cli(['explain', 'prod.AdminRole']);
    expect(piped.stdout).not.toContain('\u001b[');
    const terminal = await cli(['explain', 'prod.AdminRole'], { terminal: {} });
    expect(terminal.exitCode).toBe(0);
    expect(terminal.stdout).toContain('\u001b[1mprod.AdminRole\u001b[22m');
    expect(terminal.stdout).toContain('Level: \u001b[31madmin\u001b[39m');
    const noColor = await cli(['explain', 'prod.AdminRole'], { terminal: {}, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  test('text from the files cannot drive the terminal: escape sequences are shown, not sent', async () => {
    edit('roles.yml', (t) =>
      t.replace('PolicyName: AdministratorAccess', 'PolicyName: "Admin\\e]0;owned\\a\\e[2J"'),
    );
    const run = await cli(['explain', 'prod.AdminRole'], { terminal: {} });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('\u001b]0;');
    expect(run.stdout).not.toContain('\u001b[2J');
    expect(run.stdout).toContain('inline policy Admin\\x1b]0;owned\\x07\\x1b[2J');
  });

  test("works the same under the machines' Node (20) as under Node 24", async () => {
    const older = systemNode();
    // It really is an older Node than the Node 24 the action runs on.
    const major = execFileSync(older, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
    expect(Number(major.trim())).toBeLessThan(24);
    for (const args of [
      ['validate'],
      ['explain', 'staging.ReadOnlyRole'],
      ['who-can', 'iam:PassRole', '--json'],
    ]) {
      const on24 = await cli(args);
      const onOlder = await cli(args, { node: older });
      expect(onOlder.exitCode).toBe(0);
      expect(onOlder.stdout).toBe(on24.stdout);
      expect(onOlder.stderr).toBe('');
    }
  });
});
