// The harness running a throwaway ESM script in place of dist/index.js, as a runner would.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { GitHubEmulator } from '../support/github-emulator/index.ts';
import { decodeJwtPayload, startGitHubEmulator } from '../support/github-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { pullRequestEvent, pushEvent, runAction, scheduleEvent } from '../support/harness/index.ts';

// Uses only process.stdout, files and fetch, like a bundled action without dependencies.
const STAND_IN_ACTION = `
import { appendFileSync } from 'node:fs';
const env = process.env;
const out = (s) => process.stdout.write(s + '\\n');
out('::add-mask::hunter2');
out('password is hunter2');
out('::group::Account 111111111111');
out('planning roles');
out('::endgroup::');
out('::error file=rolemodel.yml,line=4,col=7,title=Unknown%3A key::no such key%0Ause "roles"');
appendFileSync(env.GITHUB_OUTPUT, 'has-changes=true\\n');
appendFileSync(env.GITHUB_OUTPUT, 'plan-markdown<<ghadelimiter_x\\n# Plan\\n\\nline 2\\nghadelimiter_x\\n');
appendFileSync(env.GITHUB_STEP_SUMMARY, '## RoleModel plan\\n');
const seen = Object.fromEntries(Object.entries(env).filter(([k]) => /^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|AWS_)/.test(k)));
appendFileSync(env.GITHUB_OUTPUT, 'env<<ghadelimiter_y\\n' + JSON.stringify(seen) + '\\nghadelimiter_y\\n');
if (env.GITHUB_EVENT_NAME === 'pull_request' && env.ACTIONS_ID_TOKEN_REQUEST_URL) {
  const pr = JSON.parse((await import('node:fs')).readFileSync(env.GITHUB_EVENT_PATH, 'utf8')).pull_request.number;
  const [owner, repo] = env.GITHUB_REPOSITORY.split('/');
  const res = await fetch(env.GITHUB_API_URL + '/repos/' + owner + '/' + repo + '/issues/' + pr + '/comments', {
    method: 'POST',
    headers: { authorization: 'token ' + env['INPUT_GITHUB-TOKEN'], 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'plan comment' }),
  });
  out('comment status ' + res.status);
  const id = await fetch(env.ACTIONS_ID_TOKEN_REQUEST_URL + '&audience=sts.amazonaws.com', {
    headers: { authorization: 'Bearer ' + env.ACTIONS_ID_TOKEN_REQUEST_TOKEN },
  });
  appendFileSync(env.GITHUB_OUTPUT, 'id-token=' + (await id.json()).value + '\\n');
}
process.exitCode = 1;
`;

// The inputs of the real action.yml, kept here so these tests do not depend on that file.
const ACTION_YML = `
name: stand-in
inputs:
  command: { default: auto }
  config: { default: rolemodel.yml }
  github-token: { default: '\${{ github.token }}' }
  aws-region: { default: '' }
  credentials: { default: oidc }
  confirm: { default: '' }
  max-concurrency: { default: '8' }
  comment: { default: 'true' }
runs: { using: node24, main: action.mjs }
`;

let dir: string;
let script: string;
let actionYml: string;
let github: GitHubEmulator;
const results: RunResult[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'harness-test-'));
  script = join(dir, 'action.mjs');
  await writeFile(script, STAND_IN_ACTION);
  actionYml = join(dir, 'action.yml');
  await writeFile(actionYml, ACTION_YML);
  github = await startGitHubEmulator();
});
afterAll(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(results.splice(0).map((r) => r.cleanup()));
});

const keep = <T extends RunResult>(r: T): T => {
  results.push(r);
  return r;
};
const seenEnv = (r: RunResult): Record<string, string> =>
  JSON.parse(r.outputs['env'] ?? '{}') as Record<string, string>;

describe('runAction', () => {
  it('runs the script like a runner and reads back everything it produced', async () => {
    const fakeAws = { url: 'http://127.0.0.1:4566', requestLog: () => [] as const, extra: 'passed through' };
    process.env['AWS_SECRET_ACCESS_KEY'] = 'parent-secret';
    const r = keep(
      await runAction({
        event: pullRequestEvent({ number: 12 }),
        script,
        actionYml,
        github,
        aws: fakeAws,
        inputs: { 'max-concurrency': 3 },
        env: { EXTRA: 'yes' },
      }),
    );
    delete process.env['AWS_SECRET_ACCESS_KEY'];

    expect(r.exitCode).toBe(1);
    expect(r.annotations).toEqual([
      {
        severity: 'error',
        message: 'no such key\nuse "roles"',
        file: 'rolemodel.yml',
        line: 4,
        col: 7,
        title: 'Unknown: key',
        properties: { file: 'rolemodel.yml', line: '4', col: '7', title: 'Unknown: key' },
      },
    ]);
    expect(r.masks).toEqual(['hunter2']);
    expect(r.maskedStdout).toContain('password is ***');
    expect(r.groups).toEqual([{ title: 'Account 111111111111', lines: ['planning roles'] }]);
    expect(r.outputs).toMatchObject({ 'has-changes': 'true', 'plan-markdown': '# Plan\n\nline 2' });
    expect(r.summary).toBe('## RoleModel plan\n');
    expect(r.fileCommandErrors).toEqual([]);

    const env = seenEnv(r);
    expect(env).toMatchObject({
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'octo-org/infra',
      GITHUB_REPOSITORY_OWNER: 'octo-org',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_HEAD_REF: 'feature-12',
      GITHUB_BASE_REF: 'main',
      GITHUB_API_URL: github.url,
      GITHUB_WORKSPACE: r.workspace,
      RUNNER_TEMP: r.runnerTemp,
      RUNNER_OS: 'Linux',
      INPUT_COMMAND: 'auto',
      'INPUT_MAX-CONCURRENCY': '3',
      'INPUT_GITHUB-TOKEN': github.token,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'us-east-1',
    });
    expect(env['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
    expect(r.env['EXTRA']).toBe('yes');

    expect(r.stdout).toContain('comment status 201');
    expect(github.comments('octo-org', 'infra', 12).map((c) => c.body)).toEqual(['plan comment']);
    expect(decodeJwtPayload(r.outputs['id-token'] ?? '')).toMatchObject({
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/infra:pull_request',
      ref: 'refs/pull/12/merge',
    });
    expect(r.github?.requestLog.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      'POST /repos/octo-org/infra/issues/12/comments 201',
      'GET /_services/oidc/idtoken 200',
    ]);
    expect(r.aws?.emulator.extra).toBe('passed through');
  });

  it('gives fork PRs a read-only token and no OIDC', async () => {
    const r = keep(
      await runAction({ event: pullRequestEvent({ number: 13, fork: true }), script, actionYml, github }),
    );
    const env = seenEnv(r);
    expect(env['INPUT_GITHUB-TOKEN']).toBe(github.readOnlyToken);
    expect(env['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeUndefined();
    expect(env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']).toBeUndefined();
  });

  it('sets push and schedule context', async () => {
    const push = keep(
      await runAction({ event: pushEvent({ after: 'c'.repeat(40) }), script, actionYml, github }),
    );
    expect(seenEnv(push)).toMatchObject({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_HEAD_REF: '',
    });
    const schedule = keep(await runAction({ event: scheduleEvent(), script, actionYml }));
    expect(seenEnv(schedule)).toMatchObject({
      GITHUB_EVENT_NAME: 'schedule',
      'INPUT_GITHUB-TOKEN': expect.any(String),
    });
    expect(seenEnv(schedule)['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeUndefined();
  });
});

describe('runAction supervision', () => {
  const writeScript = async (name: string, body: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, body);
    return path;
  };

  it('kills a hung action at the timeout with a clear error', async () => {
    const hang = await writeScript('hang.mjs', "console.log('started'); setInterval(() => {}, 1000);");
    // Long enough for a loaded machine to start Node and print; the script never ends anyway.
    await expect(
      runAction({ event: pushEvent(), script: hang, actionYml, timeoutMs: 3_000 }),
    ).rejects.toThrow(/timed out after 3000 ms[\s\S]*started/);
  });

  it('SIGKILLs the action when killWhen becomes true', async () => {
    const ticker = await writeScript(
      'ticker.mjs',
      "let i = 0; setInterval(() => console.log('tick ' + ++i), 10);",
    );
    const r = keep(
      await runAction({
        event: pushEvent(),
        script: ticker,
        actionYml,
        killWhen: ({ stdout }) => stdout.includes('tick 3'),
      }),
    );
    expect(r.killedBy).toBe('killWhen');
    expect(r.signal).toBe('SIGKILL');
    expect(r.lines).toContain('tick 3');
  });

  it('lets onRunning kill the action directly', async () => {
    const ticker = await writeScript('ticker2.mjs', "setInterval(() => console.log('tick'), 10);");
    const r = keep(
      await runAction({
        event: pushEvent(),
        script: ticker,
        actionYml,
        onRunning: (h) => {
          setTimeout(() => h.kill(), 50);
        },
      }),
    );
    expect(r.killedBy).toBe('onRunning');
    expect(r.exitCode).toBeNull();
  });
});
