// Text from files, AWS or GitHub reaches the job log only through one sanitising helper: it
// can never start a line the runner reads as a workflow command, so it can neither register
// masks, raise annotations, nor stop the runner from reading the action's own commands.
import { ACCOUNTS, PR_NUMBER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(async () => scenario.close());

/** Lines that would be commands if the runner read them raw. */
const HOSTILE = [
  '::add-mask::RoleModel',
  '::error title=pwned::owned by a pull request',
  '::stop-commands::zzz',
];

/** A parameter whose constraint, quoted by CloudFormation in its error, carries the hostile lines. */
const hostileParameter = (scenario: Scenario): void => {
  // A YAML double-quoted string: `\\n` and `\\r` are its escapes for a line feed and a lone carriage return.
  const text = ['lower case', ...HOSTILE].join('\\n') + '\\r::warning title=cr::after a lone carriage return';
  scenario.edit('roles.yml', (t) =>
    t.replace(
      'Parameters:\n',
      () =>
        `Parameters:\n  Team:\n    Type: String\n    AllowedPattern: '^[a-z]+$'\n    ConstraintDescription: "${text}"\n`,
    ),
  );
  scenario.edit('rolemodel.yml', (t) => t.replace('parameters:\n', "parameters:\n  Team: 'NOT VALID'\n"));
};

const expectNoInjection = (result: {
  annotations: readonly { title?: string; message: string }[];
  masks: readonly string[];
  commands: readonly { command: string }[];
}): void => {
  expect(result.annotations.filter((a) => a.title === 'pwned' || a.title === 'cr')).toEqual([]);
  expect(result.masks).not.toContain('RoleModel');
  expect(result.commands.map((c) => c.command)).not.toContain('stop-commands');
};

test('a template constraint quoted by CloudFormation cannot hide the escalation warning', async () => {
  hostileParameter(scenario);
  scenario.edit('users.yml', (t) => t.replace(/AdminRole: \[([^\]]*)\]/, 'AdminRole: [$1, carol]'));
  const result = await scenario.plan();
  expect(result.exitCode).toBe(1);
  expectNoInjection(result);
  // The hostile text did reach the log, broken up.
  expect(result.stdout).toContain(':\u200b:add-mask::RoleModel');
  // The action's own commands after it are still read: the escalation warning, the failure.
  expect(result.annotations.map((a) => a.message).join('\n')).toMatch(/This change escalates access/);
  expect(
    result.annotations.some((a) => a.severity === 'error' && /The plan has problems/.test(a.message)),
  ).toBe(true);
});

test('a stack event reason quoted by apply cannot start a command', async () => {
  scenario.aws.failResource({
    account: ACCOUNTS.prod,
    logicalId: 'AdminRole',
    reason: `Resource handler returned message: "denied\n${HOSTILE.join('\n')}"`,
  });
  const result = await scenario.apply();
  expect(result.exitCode).toBe(1);
  expectNoInjection(result);
  expect(result.stdout).toContain(':\u200b:error title=pwned');
  expect(
    result.annotations.some((a) => a.severity === 'error' && /Apply finished with failures/.test(a.message)),
  ).toBe(true);
});

test('a GitHub API error message cannot start a command', async () => {
  scenario.github.failRequests({
    method: 'POST',
    path: `/repos/octo-org/access/issues/${PR_NUMBER}/comments`,
    status: 422,
    message: `Validation Failed\n${HOSTILE.join('\n')}`,
  });
  const result = await scenario.plan();
  expect(result.exitCode).toBe(1);
  expectNoInjection(result);
  expect(
    result.annotations.some(
      (a) => a.severity === 'error' && /plan comment on the pull request is out of date/.test(a.message),
    ),
  ).toBe(true);
});
