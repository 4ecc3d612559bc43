// Issue 10, item 1: every path a pull request's config names stays inside the repository, and
// nothing of a file that is not what the config says reaches the log, the summary, the outputs
// or the comment. The workspace is laid out as actions/checkout leaves it: a git clone whose
// .git/config holds the job's token as an `extraheader`.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { replaceIn } from './plan-helpers.ts';
import { planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

/** The token checkout writes, and the secret an earlier step left outside the workspace. */
const TOKEN = `ghs_${randomBytes(18).toString('hex')}`;
const HEADER = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const OUTSIDE_SECRET = `outside-${randomBytes(12).toString('hex')}`;
const STEP_SECRET = `wJalrXUtnFEMI${randomBytes(12).toString('hex')}`;
const SECRETS = [TOKEN, HEADER, OUTSIDE_SECRET, STEP_SECRET];

let scenario: Scenario;
let outside: string;

/** A clone as actions/checkout leaves it: the files committed, the token in .git/config. */
const checkoutLayout = (workspace: string): void => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: workspace,
      stdio: 'ignore',
    });
  git('init', '--quiet', '--initial-branch=main');
  git('remote', 'add', 'origin', 'https://github.com/octo-org/access');
  git('config', '--local', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${HEADER}`);
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  const config = readFileSync(join(workspace, '.git', 'config'), 'utf8');
  if (!config.includes(HEADER)) throw new Error('the checkout layout has no extraheader');
};

beforeEach(async () => {
  scenario = await startScenario();
  outside = mkdtempSync(join(tmpdir(), 'rolemodel-outside-'));
  writeFileSync(join(outside, 'secret.yml'), `aws_secret_access_key: ${OUTSIDE_SECRET}\n`);
  // A FIFO: opening it for reading would block the action until the test times out.
  execFileSync('mkfifo', [join(outside, 'pipe')]);
  checkoutLayout(scenario.workspace);
});
afterEach(async () => {
  await scenario.close();
  rmSync(outside, { recursive: true, force: true });
});

/** Everything a run leaves where a person or a later step can read it. */
const everythingVisible = (result: RunResult<AwsEmulator>): string => {
  const files = ['plan-json', 'plan-markdown'].map((name) => {
    const path = result.outputs[name];
    return path ? readFileSync(path, 'utf8') : '';
  });
  return [
    result.stdout,
    result.stderr,
    result.summary,
    JSON.stringify(result.outputs),
    JSON.stringify(result.annotations),
    ...files,
    ...planComments(scenario),
  ].join('\n');
};

const expectNoSecret = (result: RunResult<AwsEmulator>): void => {
  const visible = everythingVisible(result);
  for (const secret of SECRETS) expect(visible).not.toContain(secret);
};

/** Error annotations on a file (the run's closing error has none). */
const errorsAt = (result: RunResult<AwsEmulator>) =>
  result.annotations
    .filter((a) => a.severity === 'error' && a.file !== undefined)
    .map((a) => ({ file: a.file, line: a.line, message: a.message.split('\n')[0] }));

const setPaths = (template: string, users: string): void => {
  replaceIn(scenario, 'rolemodel.yml', 'assumable_roles: roles.yml', `assumable_roles: ${template}`);
  replaceIn(scenario, 'rolemodel.yml', 'users: users.yml', `users: ${users}`);
};

/** The plan of a run refused for its paths: no AWS call, an error on each path's line, a comment. */
const expectRefused = (result: RunResult<AwsEmulator>, reasons: { template: RegExp; users: RegExp }) => {
  expect(result.exitCode).toBe(1);
  expect(result.aws?.requestLog).toEqual([]);
  expect(errorsAt(result)).toEqual([
    { file: 'rolemodel.yml', line: 8, message: expect.stringMatching(reasons.template) },
    { file: 'rolemodel.yml', line: 22, message: expect.stringMatching(reasons.users) },
  ]);
  expect(planComments(scenario)).toHaveLength(1);
  expect(planComments(scenario)[0]).toContain('must name a file in this repository');
};

test('`users: .git/config` is refused on its line and the token in it is shown nowhere', async () => {
  replaceIn(scenario, 'rolemodel.yml', 'users: users.yml', 'users: .git/config');
  const result = await scenario.plan();
  expectNoSecret(result);
  expect(result.exitCode).toBe(1);
  expect(errorsAt(result)).toEqual([
    {
      file: 'rolemodel.yml',
      line: 22,
      message: '`users` must name a file in this repository: the path leads into `.git/`.',
    },
  ]);
  expect(result.aws?.requestLog).toEqual([]);
});

test('`..`, a `.git` in another letter case and an absolute path are refused before anything is read', async () => {
  const up = relative(scenario.workspace, join(outside, 'secret.yml'));
  setPaths(up, './sub/../.Git/config');
  const result = await scenario.plan();
  expectNoSecret(result);
  expectRefused(result, { template: /the path leads out of the repository\.$/, users: /into `\.git\/`\.$/ });

  replaceIn(
    scenario,
    'rolemodel.yml',
    `assumable_roles: ${up}`,
    `assumable_roles: ${join(outside, 'secret.yml')}`,
  );
  replaceIn(scenario, 'rolemodel.yml', 'users: ./sub/../.Git/config', `users: ${join(outside, 'pipe')}`);
  const absolute = await scenario.plan({ timeoutMs: 30_000 });
  expectNoSecret(absolute);
  expectRefused(absolute, { template: /the path is absolute\.$/, users: /the path is absolute\.$/ });
});

test('committed symbolic links out of the tree or into .git/ are refused, and never opened', async () => {
  symlinkSync('.git/config', join(scenario.workspace, 'users-link.yml'));
  symlinkSync(outside, join(scenario.workspace, 'shared'));
  symlinkSync(join(outside, 'pipe'), join(scenario.workspace, 'pipe.yml'));
  symlinkSync(join(outside, 'not-there.yml'), join(scenario.workspace, 'dangling.yml'));
  mkdirSync(join(scenario.workspace, 'deep'));
  symlinkSync('../.git', join(scenario.workspace, 'deep', 'meta'));

  const through = /it leads out of the repository or into `\.git\/` through a symbolic link\.$/;
  setPaths('shared/secret.yml', 'users-link.yml');
  const first = await scenario.plan();
  expectNoSecret(first);
  expectRefused(first, { template: through, users: through });

  // A FIFO behind a link would hang a reader; a dangling link must not say whether its target exists.
  replaceIn(scenario, 'rolemodel.yml', 'assumable_roles: shared/secret.yml', 'assumable_roles: pipe.yml');
  replaceIn(scenario, 'rolemodel.yml', 'users: users-link.yml', 'users: dangling.yml');
  const second = await scenario.plan({ timeoutMs: 30_000 });
  expectNoSecret(second);
  expectRefused(second, { template: through, users: through });

  replaceIn(scenario, 'rolemodel.yml', 'assumable_roles: pipe.yml', 'assumable_roles: deep/meta/config');
  replaceIn(scenario, 'rolemodel.yml', 'users: dangling.yml', 'users: users.yml');
  const third = await scenario.plan();
  expectNoSecret(third);
  expect(errorsAt(third).map((e) => [e.line, e.message])).toEqual([[8, expect.stringMatching(through)]]);
});

test('a file inside the repository that is not what the config says is reported without quoting it', async () => {
  // What an earlier step might leave in the workspace: the clone's config, and a credentials file.
  writeFileSync(
    join(scenario.workspace, 'notes.ini'),
    readFileSync(join(scenario.workspace, '.git', 'config')),
  );
  writeFileSync(
    join(scenario.workspace, 'ci-credentials.yml'),
    `aws_access_key_id: AKIAEXAMPLE\naws_secret_access_key: ${STEP_SECRET}\n`,
  );
  setPaths('ci-credentials.yml', 'notes.ini');
  const result = await scenario.plan();
  expectNoSecret(result);
  expect(result.exitCode).toBe(1);
  expect(result.aws?.requestLog).toEqual([]);
  const errors = errorsAt(result);
  expect(errors).toContainEqual({
    file: 'rolemodel.yml',
    line: 8,
    message: 'ci-credentials.yml is not a CloudFormation template: it has no `Resources` section.',
  });
  // The unparsable file: line, column and kind of each error, nothing of its text.
  const yamlErrors = errors.filter((e) => e.file === 'notes.ini');
  expect(yamlErrors.length).toBeGreaterThan(0);
  for (const e of yamlErrors) expect(e.message).toMatch(/^Invalid YAML \(line \d+, column \d+\): [^"]+\.$/);
  expect(everythingVisible(result)).not.toContain('extraheader');
  expect(everythingVisible(result)).not.toContain('AUTHORIZATION');
});
