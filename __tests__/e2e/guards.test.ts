import { readFileSync } from 'node:fs';
// Commands that change AWS refuse to run where nobody reviewed the files.
import { fakeSha } from '../support/github-emulator/sha.ts';
import { pullRequestEvent, pushEvent, repositoryPayload, scheduleEvent } from '../support/harness/index.ts';
import type { RunnerEvent } from '../support/harness/index.ts';
import { MASTER, PR_NUMBER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(async () => scenario.close());

const messages = (r: { annotations: readonly { message: string }[] }): string =>
  r.annotations.map((a) => a.message).join('\n');

test('`command: apply` on a pull request is refused before any AWS call', async () => {
  const result = await scenario.plan({
    event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access' }),
    inputs: { command: 'apply' },
  });
  expect(result.exitCode).toBe(1);
  expect(messages(result)).toMatch(/`apply` never runs for a pull request/);
  expect(scenario.aws.requestLog()).toEqual([]);
  expect(result.outputs['has-changes']).toBe('false');
  expect(JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8'))).toMatchObject({
    command: 'apply',
    failed: true,
  });
  expect(readFileSync(result.outputs['plan-markdown'] ?? '', 'utf8')).toMatch(
    /^## RoleModel apply\n\n❌ .*never runs for a pull request/,
  );
});

test('a push to another branch does not apply', async () => {
  const result = await scenario.apply({
    event: pushEvent({ ref: 'refs/heads/feature', repository: 'octo-org/access' }),
  });
  expect(result.exitCode).toBe(1);
  expect(messages(result)).toMatch(
    /runs only on the default branch \(refs\/heads\/main\); this run is on refs\/heads\/feature/,
  );
  expect(scenario.aws.requestLog()).toEqual([]);
});

test('a group of the same name in another case outside /RoleModel/ is never adopted', async () => {
  scenario.aws.seed({
    accounts: { [MASTER]: { groups: [{ name: 'Prod.AdminRole', path: '/', members: ['dave'] }] } },
  });
  const planned = await scenario.plan();
  expect(planned.exitCode).toBe(1);
  expect(planned.summary).toMatch(/already has a group named &quot;prod\\\.AdminRole&quot; outside/);
  const applied = await scenario.apply();
  expect(applied.exitCode).toBe(1);
  const outside = scenario.aws.iamState(MASTER).groups.find((g) => g.name === 'Prod.AdminRole');
  expect(outside).toMatchObject({ path: '/', members: ['dave'], policies: {} });
});

/** An event of another kind, shaped as GitHub sends it, on the default branch. */
const otherEvent = (name: string, payload: Record<string, unknown>): RunnerEvent => ({
  name,
  payload: {
    ...payload,
    repository: repositoryPayload('octo-org/access'),
    sender: { login: 'mallory', type: 'User' },
  },
  repository: 'octo-org/access',
  ref: 'refs/heads/main',
  sha: fakeSha('main-head'),
  actor: 'mallory',
  fork: false,
});

describe('only a push, a dispatch or a schedule on the default branch changes AWS', () => {
  test.each([
    [
      'issue_comment',
      { action: 'created', issue: { number: PR_NUMBER, pull_request: {} }, comment: { body: '/apply' } },
    ],
    ['pull_request_review', { action: 'submitted', pull_request: { number: PR_NUMBER } }],
    [
      'merge_group',
      { action: 'checks_requested', merge_group: { head_ref: 'refs/heads/gh-readonly-queue/main/pr-7' } },
    ],
    [
      'workflow_run',
      { action: 'completed', workflow_run: { head_repository: { full_name: 'octo-org/access' } } },
    ],
  ])(
    'a %s run with `command: apply` is refused before any AWS call, whatever GITHUB_REF says',
    async (name, payload) => {
      const result = await scenario.apply({ event: otherEvent(name, payload), inputs: { command: 'apply' } });
      expect(result.exitCode).toBe(1);
      expect(messages(result)).toMatch(/never runs for a|never runs with files/);
      expect(scenario.aws.requestLog()).toEqual([]);
    },
  );

  test('a scheduled run on the default branch may apply (its payload names no branch)', async () => {
    // No pull request merged a scheduled run's commit: its widenings are applied under `warn` only.
    const result = await scenario.apply({
      event: scheduleEvent({ repository: 'octo-org/access' }),
      inputs: { command: 'apply', unreviewed: 'warn' },
    });
    expect(result.exitCode).toBe(0);
  });
});

describe("a fork's files never run with AWS credentials", () => {
  test('pull_request_target from a fork, with an OIDC token: validation only, no AWS call, the summary says why', async () => {
    const event = {
      ...pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access', fork: true }),
      name: 'pull_request_target',
    };
    const result = await scenario.plan({ event, oidc: true });
    expect(result.env['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeDefined();
    expect(result.exitCode).toBe(0);
    expect(scenario.aws.requestLog()).toEqual([]);
    expect(result.summary).toContain('It comes from a fork');
    expect(JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8'))).toMatchObject({
      skipped: 'fork',
    });
  });

  test('a workflow_run started by a fork cannot list with its files', async () => {
    const event = otherEvent('workflow_run', {
      action: 'completed',
      workflow_run: { head_repository: { full_name: 'mallory/access' } },
    });
    const result = await scenario.dispatch('list', { event, inputs: { command: 'list' } });
    expect(result.exitCode).toBe(1);
    expect(messages(result)).toMatch(/never runs with files from another repository/);
    expect(scenario.aws.requestLog()).toEqual([]);
  });
});
