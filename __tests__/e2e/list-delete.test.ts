// `list` and `delete` through dist/index.js on an organisation that apply has set up.
import { readFileSync } from 'node:fs';
import { ACCOUNTS, MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  const applied = await scenario.apply();
  expect(applied.exitCode).toBe(0);
});
afterEach(async () => scenario.close());

const managedGroups = (s: Scenario) => s.aws.iamState(MASTER).groups.filter((g) => g.path === '/RoleModel/');

describe('list', () => {
  // GitHub's runner refuses to upload a job summary over 1 MiB and then shows none at all.
  test('a listing too large for the 1 MiB job summary is cut between sections; plan-markdown holds it whole', async () => {
    // 3,000 people, each in 4 of the 12 groups: about 2.5 MB of listing, mostly profiles.
    const groups = ['prod', 'staging', 'cdn'].flatMap((a) =>
      ['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'].map((r) => `${a}.${r}`),
    );
    const people = Array.from({ length: 3_000 }, (_, i) => `person${String(i).padStart(4, '0')}`);
    scenario.aws.seed({
      accounts: {
        [MASTER]: {
          groups: groups.map((name, g) => ({
            name,
            path: '/RoleModel/',
            members: people.filter((_, p) => (p + g) % 3 === 0),
          })),
        },
      },
    });
    const result = await scenario.dispatch('list');
    expect(result.exitCode).toBe(0);
    const bytes = Buffer.byteLength(result.summary);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    expect(bytes).toBeGreaterThan(900_000);
    expect(result.summary).toMatch(
      /✂️ \*\*The listing was truncated\*\* to fit GitHub's 1 MiB job summary: [\d,]+ of [\d,]+ sections shown\. The whole listing is in the `plan-markdown` output/,
    );
    // Cut between sections: every fold and code fence that opens also closes.
    const count = (text: string, what: RegExp) => (text.match(what) ?? []).length;
    expect(count(result.summary, /<details>/g)).toBe(count(result.summary, /<\/details>/g));
    expect(count(result.summary, /^```/gm) % 2).toBe(0);
    for (const name of Object.keys(ACCOUNTS))
      expect(result.summary).toMatch(new RegExp(`^### ${name} `, 'm'));

    const whole = readFileSync(result.outputs['plan-markdown'] ?? '', 'utf8');
    expect(Buffer.byteLength(whole)).toBeGreaterThan(1_048_576);
    expect(whole).not.toContain('truncated');
    expect(whole).toContain('<details><summary>person2999: ');
  });

  test('shows every stack, role ARN, group members and a Switch role link, and reads only', async () => {
    scenario.aws.clearRequestLog();
    const result = await scenario.dispatch('list');
    expect(result.exitCode).toBe(0);
    expect(scenario.aws.requestLog().filter((e) => e.mutating || e.changeSet)).toEqual([]);
    const prodAdmin = scenario.aws
      .iamState(ACCOUNTS.prod)
      .roles.find((r) => r.name.startsWith('RoleModel-AdminRole-'));
    expect(prodAdmin).toBeDefined();
    expect(result.summary).toContain(prodAdmin?.arn ?? 'missing');
    expect(result.summary).toContain(
      `https://signin.aws.amazon.com/switchrole?account=${ACCOUNTS.prod}&roleName=${prodAdmin?.name ?? ''}&displayName=prod.AdminRole`,
    );
    expect(result.summary).toMatch(/\| `dave` \| `cdn\.FinanceRole`, `prod\.FinanceRole` \|/);
    const json = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
      accounts: {
        accountName: string;
        stackStatus: string;
        roles: { logicalId: string; members: string[] }[];
      }[];
    };
    const prod = json.accounts.find((a) => a.accountName === 'prod');
    expect(prod?.stackStatus).toBe('CREATE_COMPLETE');
    expect(prod?.roles.find((r) => r.logicalId === 'ReadOnlyRole')?.members).toEqual([
      'alice',
      'bob',
      'carol',
    ]);
  });
});

describe('delete', () => {
  test('is refused without the confirmation, before any AWS call', async () => {
    scenario.aws.clearRequestLog();
    const result = await scenario.dispatch('delete', { inputs: { confirm: 'yes' } });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message).join('\n')).toMatch(
      /set the input `confirm` to the stack name `RoleModel`/,
    );
    expect(scenario.aws.requestLog()).toEqual([]);
    expect(managedGroups(scenario)).toHaveLength(12);
  });

  test('removes every stack and every managed group, never a group outside /RoleModel/', async () => {
    scenario.aws.seed({
      accounts: {
        [MASTER]: {
          groups: [{ name: 'Admins', path: '/', members: ['alice'], policies: { keep: { Statement: [] } } }],
        },
      },
    });
    const result = await scenario.dispatch('delete', { inputs: { confirm: 'RoleModel' } });
    expect(result.exitCode).toBe(0);
    for (const id of Object.values(ACCOUNTS)) expect(scenario.aws.stacks(id)).toEqual([]);
    expect(managedGroups(scenario)).toEqual([]);
    const admins = scenario.aws.iamState(MASTER).groups.find((g) => g.name === 'Admins');
    expect(admins?.members).toEqual(['alice']);
    expect(Object.keys(admins?.policies ?? {})).toEqual(['keep']);
    // The users themselves stay: RoleModel never deletes users.
    expect(scenario.aws.iamState(MASTER).users.map((u) => u.name)).toEqual(
      expect.arrayContaining(['alice', 'bob', 'carol', 'dave']),
    );
  });

  test('reports DELETE_FAILED with the reason, and a second run finishes the job', async () => {
    scenario.aws.failResource({
      account: ACCOUNTS.staging,
      logicalId: 'AdminRole',
      operation: 'delete',
      reason: 'Role is in use',
      times: 1,
    });
    const first = await scenario.dispatch('delete', { inputs: { confirm: 'RoleModel' } });
    expect(first.exitCode).toBe(1);
    expect(first.summary).toMatch(/Role is in use/);
    expect(scenario.aws.stacks(ACCOUNTS.staging)[0]?.status).toBe('DELETE_FAILED');
    expect(scenario.aws.stacks(ACCOUNTS.prod)).toEqual([]);
    const second = await scenario.dispatch('delete', { inputs: { confirm: 'RoleModel' } });
    expect(second.exitCode).toBe(0);
    expect(scenario.aws.stacks(ACCOUNTS.staging)).toEqual([]);
    expect(managedGroups(scenario)).toEqual([]);
  });
});
