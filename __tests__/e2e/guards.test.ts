import { readFileSync } from 'node:fs';
// Commands that change AWS refuse to run where nobody reviewed the files.
import { pullRequestEvent, pushEvent } from '../support/harness/index.ts';
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
