// The comment a reviewer reads is never stale while the job is green: when the plan comment
// cannot be brought up to date the run fails and says why, and GitHub's transient failures
// (5xx, secondary rate limits) are retried by Octokit's plugins before that.
import { PR_NUMBER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(async () => scenario.close());

const COMMENTS = `/repos/octo-org/access/issues/comments`;
const OLD_PLAN = '<!-- rolemodel-plan -->\n\n## RoleModel plan\n\nNo changes. AWS matches the files.\n';

/** A plan comment from an earlier push, as the bot left it. */
const seedOldPlan = (scenario: Scenario): void => {
  scenario.github.seedComments('octo-org', 'access', PR_NUMBER, [
    { body: OLD_PLAN, user: { login: 'github-actions[bot]', type: 'Bot' } },
  ]);
};

const errorsOf = (result: { annotations: readonly { severity: string; message: string }[] }): string =>
  result.annotations
    .filter((a) => a.severity === 'error')
    .map((a) => a.message)
    .join('\n');

test.each([
  [403, 'Resource not accessible by integration', /pull-requests: write/],
  [422, 'Validation Failed', /HTTP 422: Validation Failed/],
])(
  'an edit refused with %s fails the run, and the summary says the comment is out of date',
  async (status, message, why) => {
    seedOldPlan(scenario);
    scenario.github.failRequests({ method: 'PATCH', path: COMMENTS, status, message });
    const result = await scenario.plan();
    expect(result.exitCode).toBe(1);
    expect(errorsOf(result)).toMatch(/The plan comment on the pull request is out of date/);
    expect(errorsOf(result)).toMatch(why);
    expect(result.summary).toMatch(new RegExp(`The plan comment on #${PR_NUMBER} is out of date`));
    // The job summary still holds the current plan.
    expect(result.summary).toContain('## RoleModel plan');
    expect(planComments(scenario)).toEqual([OLD_PLAN]);
  },
);

test('5xx answers are retried, and the comment is brought up to date', async () => {
  seedOldPlan(scenario);
  scenario.github.failRequests({
    method: 'PATCH',
    path: COMMENTS,
    status: 502,
    message: 'Bad Gateway',
    times: 2,
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  expect(scenario.github.callCount({ method: 'PATCH', path: COMMENTS })).toBe(3);
  expect(planComments(scenario)).toHaveLength(1);
  expect(planComments(scenario)[0]).not.toBe(OLD_PLAN);
});

test("a secondary rate limit is waited out as GitHub's retry-after says", async () => {
  seedOldPlan(scenario);
  scenario.github.failRequests({
    method: 'PATCH',
    path: COMMENTS,
    status: 403,
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    headers: { 'retry-after': '1' },
    times: 1,
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  const patches = scenario.github.requestLog({ method: 'PATCH', path: COMMENTS });
  expect(patches.map((p) => p.status)).toEqual([403, 200]);
  expect((patches[1]?.time ?? 0) - (patches[0]?.time ?? 0)).toBeGreaterThanOrEqual(1000);
});

test('a rate limit that lasts is said to be one, not a missing permission', async () => {
  seedOldPlan(scenario);
  scenario.github.failRequests({
    method: 'PATCH',
    path: COMMENTS,
    status: 403,
    message: 'You have exceeded a secondary rate limit.',
    headers: { 'retry-after': '1' },
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(1);
  expect(errorsOf(result)).toMatch(/rate limit .*Re-run the job later/);
  expect(errorsOf(result)).not.toMatch(/permissions/);
  expect(result.summary).toMatch(/is out of date/);
});
