// The teams file is a path a pull request names, like the template and the user map: it stays
// inside the repository, and nothing of a file that is not a teams file (a credentials file,
// the clone's .git/config, one behind a symbolic link) is quoted anywhere a person can read.
// Hostile team and member names reach the comment, summary and log only escaped.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { replaceIn } from './plan-helpers.ts';
import { planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const HEADER = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const OUTSIDE_SECRET = `outside-${randomBytes(12).toString('hex')}`;
const STEP_SECRET = `wJalrXUtnFEMI${randomBytes(12).toString('hex')}`;
const SECRETS = [TOKEN, HEADER, OUTSIDE_SECRET, STEP_SECRET];

let s: Scenario;
let outside: string;

beforeEach(async () => {
  s = await startScenario();
  outside = mkdtempSync(join(tmpdir(), 'rolemodel-outside-'));
  writeFileSync(join(outside, 'secret.yml'), `aws_secret_access_key: ${OUTSIDE_SECRET}\n`);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: s.workspace,
      stdio: 'ignore',
    });
  git('init', '--quiet', '--initial-branch=main');
  git('config', '--local', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${HEADER}`);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
});
afterEach(async () => {
  await s.close();
  rmSync(outside, { recursive: true, force: true });
});

const visible = (result: RunResult<AwsEmulator>): string =>
  [
    result.stdout,
    result.stderr,
    result.summary,
    JSON.stringify(result.outputs),
    JSON.stringify(result.annotations),
    ...['plan-json', 'plan-markdown'].map((n) =>
      result.outputs[n] ? readFileSync(result.outputs[n], 'utf8') : '',
    ),
    ...planComments(s),
  ].join('\n');

const teamsAt = (path: string): void =>
  replaceIn(s, 'rolemodel.yml', 'users: users.yml\n', `users: users.yml\nteams: ${path}\n`);

const errorsAt = (result: RunResult<AwsEmulator>) =>
  result.annotations
    .filter((a) => a.severity === 'error' && a.file !== undefined)
    .map((a) => [a.file, a.line, a.message.split('\n')[0]]);

test.each([
  ['a link out of the repository', 'shared/secret.yml'],
  ['a link into .git/', 'teams-link.yml'],
  ['.git/config itself', '.git/config'],
  ['a path out of the repository', '../outside/secret.yml'],
])('teams: %s is refused, and nothing of it is shown', async (_what, path) => {
  symlinkSync(outside, join(s.workspace, 'shared'));
  symlinkSync('.git/config', join(s.workspace, 'teams-link.yml'));
  teamsAt(path);
  const result = await s.plan();
  expect(result.exitCode).toBe(1);
  expect(result.aws?.requestLog).toEqual([]);
  for (const secret of SECRETS) expect(visible(result)).not.toContain(secret);
  expect(errorsAt(result)).toEqual([['rolemodel.yml', 23, expect.stringMatching(/teams|repository|\.git/)]]);
});

test('teams: a credentials file or a copy of .git/config is reported without quoting it', async () => {
  writeFileSync(
    join(s.workspace, 'ci-credentials.yml'),
    `aws_access_key_id: AKIAEXAMPLE\naws_secret_access_key: ${STEP_SECRET}\n`,
  );
  writeFileSync(join(s.workspace, 'notes.ini'), readFileSync(join(s.workspace, '.git', 'config')));
  teamsAt('ci-credentials.yml');
  const first = await s.plan();
  expect(first.exitCode).toBe(1);
  for (const secret of SECRETS) expect(visible(first)).not.toContain(secret);
  replaceIn(s, 'rolemodel.yml', 'teams: ci-credentials.yml', 'teams: notes.ini');
  const second = await s.plan();
  expect(second.exitCode).toBe(1);
  for (const secret of SECRETS) expect(visible(second)).not.toContain(secret);
  expect(visible(second)).not.toContain('extraheader');
  expect(visible(second)).not.toContain('AUTHORIZATION');
});

test('hostile team and member names are escaped in the comment, the summary and the log', async () => {
  teamsAt('teams.yml');
  s.write(
    'teams.yml',
    [
      '"sre\\n::error title=pwned::owned <img src=x onerror=alert(1)> @octo-org/admins\\r::add-mask::RoleModel":',
      '  members:',
      '    - "::stop-commands::zzz"',
      '    - "<b>@octo-org/admins</b>"',
      '  grants:',
      '    "pr\\n::warning title=cr::x <script>": [AdminRole]',
      '    prod: ["Ad\\n::error title=role::x <i>"]',
      '',
    ].join('\n'),
  );
  const result = await s.plan();
  expect(result.exitCode).toBe(1);
  expect(result.annotations.filter((a) => ['pwned', 'cr', 'role'].includes(a.title ?? ''))).toEqual([]);
  expect(result.masks).not.toContain('RoleModel');
  expect(result.commands.map((c) => c.command)).not.toContain('stop-commands');
  const markdown = [result.summary, ...planComments(s)].join('\n');
  expect(markdown).not.toMatch(/<img|<script|<b>|<i>/);
  expect(markdown).not.toMatch(/@octo-org\/admins/);
  // The names did reach the comment, escaped: the test is not passing for want of them.
  expect(planComments(s)).toHaveLength(1);
  expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;');
  expect(markdown).toContain('@\u200bocto');
});
