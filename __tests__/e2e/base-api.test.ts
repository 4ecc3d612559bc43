// With a shallow checkout (actions/checkout's default) the base branch's files come from the
// GitHub contents API: drift is still told from git removals, and the template compared.
import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { fakeSha } from '../support/github-emulator/index.ts';
import { planComments, PR_NUMBER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPOSITORY = 'octo-org/access';
const BASE_SHA = fakeSha(`base-${REPOSITORY}-${PR_NUMBER}`);

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(async () => scenario.close());

const contentsCalls = (s: Scenario) => s.github.requestLog({ path: /\/contents\// });

test('drift and git removals are told apart through the contents API', async () => {
  expect((await scenario.apply()).exitCode).toBe(0);
  scenario.commit(`base-${REPOSITORY}-${PR_NUMBER}`, REPOSITORY);
  const iam = new IAMClient({
    endpoint: scenario.aws.url,
    region: 'us-east-1',
    credentials: scenario.aws.masterCredentials,
  });
  await iam.send(new AddUserToGroupCommand({ GroupName: 'cdn.AdminRole', UserName: 'carol' }));
  iam.destroy();
  scenario.edit('users.yml', (t) => t.replace(/(ReadOnlyRole:\n\s+- alice\n)\s+- bob\n/, '$1'));

  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  const comment = planComments(scenario)[0] ?? '';
  expect(comment).toMatch(/`carol` \| {2}\| `cdn\.AdminRole` \(admin\) \(outside git\)/);
  expect(comment).toMatch(/`bob` \| {2}\| `prod\.ReadOnlyRole` \(read-only\) \|/);
  expect(comment).not.toMatch(/could not be read/);
  expect(contentsCalls(scenario).length).toBeGreaterThanOrEqual(2);
});

test("a repository's first pull request: nothing on the base, every admin role is a new grant", async () => {
  scenario.github.seedCommit(REPOSITORY, BASE_SHA, { 'README.md': '# access\n' });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  const comment = planComments(scenario)[0] ?? '';
  expect(comment).not.toMatch(/could not be read/);
  expect(comment).toMatch(/🔴 \*\*alice\*\* gains \*\*admin\*\* in `prod`/);
  expect(JSON.parse(result.outputs['access-changes'] ?? '{}')).toMatchObject({ baseTemplate: 'compared' });
});

test('a base that cannot be read is said in the comment, not passed over', async () => {
  const result = await scenario.plan();
  expect(result.exitCode).toBe(0);
  expect(planComments(scenario)[0]).toMatch(/The base branch's template could not be read/);
  expect(JSON.parse(result.outputs['access-changes'] ?? '{}')).toMatchObject({ baseTemplate: 'unreadable' });
});
