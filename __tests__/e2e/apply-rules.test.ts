// The rules apply follows when a stack update fails, a role is replaced, or the plan has an error.
import { readFileSync } from 'node:fs';
import { ACCOUNTS, MASTER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  expect((await scenario.apply()).exitCode).toBe(0);
});
afterEach(async () => scenario.close());

const group = (s: Scenario, name: string) => s.aws.iamState(MASTER).groups.find((g) => g.name === name);
const assumable = (policies: Record<string, unknown> | undefined): string =>
  JSON.stringify(Object.values(policies ?? {})[0] ?? {});

test("a failed stack update: the account fails, but its groups (their roles' ARNs known) are still synced", async () => {
  scenario.edit('roles.yml', (t) =>
    t.replace(
      'Description: RoleModel - full administrator access.',
      'Description: RoleModel - administrators.',
    ),
  );
  scenario.edit('users.yml', (t) => t.replace(/(prod:\n(?:.*\n)*?\s+AdminRole:\n)/, '$1    - dave\n'));
  scenario.aws.failResource({
    account: ACCOUNTS.prod,
    logicalId: 'AdminRole',
    operation: 'update',
    reason: 'Rate exceeded',
  });

  const result = await scenario.apply();
  expect(result.exitCode).toBe(1);
  expect(scenario.aws.stack('RoleModel', ACCOUNTS.prod)?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(scenario.aws.stack('RoleModel', ACCOUNTS.staging)?.status).toBe('UPDATE_COMPLETE');
  expect(result.summary).toMatch(/Rate exceeded/);
  // The role kept its ARN, so prod's membership change went ahead.
  expect(group(scenario, 'prod.AdminRole')?.members).toEqual(['alice', 'dave']);
});

test('a replaced role is flagged in the plan, and apply points its groups at the new ARN', async () => {
  scenario.edit('roles.yml', (t) =>
    t.replace(
      'Description: RoleModel - full administrator access.',
      'RoleName: rolemodel-admin\n      Description: RoleModel - full administrator access.',
    ),
  );
  const planned = await scenario.plan();
  expect(planned.exitCode).toBe(0);
  const comment = planComments(scenario)[0] ?? '';
  expect(comment).toMatch(/· 🔴 3 roles replaced ·/);
  expect(comment).toContain(
    '⚠️ **3 roles replaced**: a new ARN, so the group policies that allow assuming them change too: `prod.AdminRole`, `staging.AdminRole`, `cdn.AdminRole`.',
  );
  expect(comment).toMatch(
    /`prod\.AdminRole` \| ~ update \| `arn:aws:iam::210987654321:role\/RoleModel-AdminRole-\w+` → `arn:aws:iam::210987654321:role\/rolemodel-admin`/,
  );

  const applied = await scenario.apply();
  expect(applied.exitCode).toBe(0);
  for (const [name, id] of Object.entries(ACCOUNTS)) {
    expect(assumable(group(scenario, `${name}.AdminRole`)?.policies)).toContain(
      `arn:aws:iam::${id}:role/rolemodel-admin`,
    );
  }
  expect((await scenario.apply()).summary).toMatch(/No changes/);
});

test('a user the master account does not have: apply changes nothing, points at the line and counts the error', async () => {
  scenario.edit('users.yml', (t) => t.replace(/(prod:\n(?:.*\n)*?\s+AdminRole:\n)/, '$1    - mallory\n'));
  scenario.edit('roles.yml', (t) =>
    t.replace('Description: RoleModel - full administrator access.', 'Description: RoleModel - admins.'),
  );
  scenario.aws.clearRequestLog();
  const result = await scenario.apply();
  expect(result.exitCode).toBe(1);
  const log = scenario.aws.requestLog();
  expect(log.filter((e) => e.mutating)).toEqual([]);
  // The change sets apply made to review the stacks are deleted again.
  expect(log.filter((e) => e.operation === 'DeleteChangeSet')).toHaveLength(3);
  const unknown = result.annotations.find((a) => a.severity === 'error' && /mallory/.test(a.message));
  expect(unknown?.file).toBe('users.yml');
  expect(unknown?.line).toBeGreaterThan(1);
  expect(result.outputs['error-count']).toBe('1');
  expect(result.summary).toContain('The plan has errors; nothing was applied.');
  const report = readFileSync(result.outputs['plan-markdown'] ?? '', 'utf8');
  expect(report).toContain('The plan has errors; nothing was applied.');
  expect(report).toContain('mallory');
});
