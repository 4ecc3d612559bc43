// The administrators' commands of the bundled command line (dist/cli/index.js) against the
// AWS emulator, with credentials from AWS profiles in a temp HOME: the config's
// master_account_profile for the master account, each account's own `profile`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNTS, KEYS, MASTER, changes, mutations, startCliScenario } from './cli-scenario.ts';
import type { CliScenario } from './cli-scenario.ts';

let s: CliScenario;
beforeEach(async () => {
  s = await startCliScenario();
});
afterEach(async () => s.close());

const managedGroups = () => s.aws.iamState(MASTER).groups.filter((g) => g.path === '/RoleModel/');
const keyOf = (account: string) => KEYS[account as keyof typeof KEYS].accessKeyId;

describe('plan', () => {
  test("reads each account with that account's profile and the master with master_account_profile; changes nothing", async () => {
    const run = await s.cli(['plan']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(
      /^3 accounts change · 3 stacks created · 12 resource changes · 12 groups created · 12 members added/,
    );
    expect(run.stdout).toMatch(/prod \(210987654321\): create stack RoleModel/);
    expect(run.stdout).toMatch(
      /\+ {2}prod\.AdminRole \(admin\) +new group; policy → known after update +\+alice/,
    );
    // Plain text in a pipe: no colour codes.
    expect(run.stdout).not.toContain('\u001b[');
    expect(changes(run)).toEqual([]);
    for (const [name, id] of Object.entries(ACCOUNTS)) {
      const calls = run.requests.filter((r) => r.service === 'cloudformation' && r.account === id);
      expect(calls.length).toBeGreaterThan(0);
      expect(new Set(calls.map((r) => r.accessKeyId))).toEqual(new Set([keyOf(name)]));
    }
    const iam = run.requests.filter((r) => r.service === 'iam' && r.account === MASTER);
    expect(new Set(iam.map((r) => r.accessKeyId))).toEqual(new Set([KEYS.admin.accessKeyId]));
    // In each account IAM is only asked its quotas, with that account's profile.
    for (const [name, id] of Object.entries(ACCOUNTS)) {
      const own = run.requests.filter((r) => r.service === 'iam' && r.account === id);
      expect(own.map((r) => [r.operation, r.accessKeyId])).toEqual([['GetAccountSummary', keyOf(name)]]);
    }
    // A plan leaves nothing behind: no review stack, no change set.
    for (const id of Object.values(ACCOUNTS)) expect(s.aws.stacks(id)).toEqual([]);
  });

  test('--json prints the plan document the action writes to plan-json', async () => {
    const run = await s.cli(['plan', '--json']);
    expect(run.exitCode).toBe(0);
    const plan = JSON.parse(run.stdout) as {
      command: string;
      hasChanges: boolean;
      stacks: { action: string }[];
    };
    expect(plan.command).toBe('plan');
    expect(plan.hasChanges).toBe(true);
    expect(plan.stacks.map((x) => x.action)).toEqual(['create', 'create', 'create']);
  });

  test('an account without a profile is reached through its deployer role, from the master credentials', async () => {
    s.edit('rolemodel.yml', (t) => t.replace('    profile: staging\n', ''));
    const run = await s.cli(['plan']);
    expect(run.exitCode).toBe(0);
    const assumes = run.requests.filter((r) => r.operation === 'AssumeRole');
    expect(assumes.map((r) => r.accessKeyId)).toEqual([KEYS.admin.accessKeyId]);
    const staging = run.requests.filter(
      (r) => r.service === 'cloudformation' && r.account === ACCOUNTS.staging,
    );
    expect(staging.every((r) => r.accessKeyId?.startsWith('ASIA'))).toBe(true);
  });

  test('--profile names the master account credentials instead of master_account_profile', async () => {
    const run = await s.cli(['plan', '--profile', 'alice']);
    expect(run.exitCode).toBe(0);
    const iam = run.requests.filter((r) => r.service === 'iam' && r.account === MASTER);
    expect(new Set(iam.map((r) => r.accessKeyId))).toEqual(new Set([KEYS.alice.accessKeyId]));
  });

  test('a profile that does not exist is one clear line, exit 1', async () => {
    s.edit('rolemodel.yml', (t) =>
      t.replace('master_account_profile: admin', 'master_account_profile: nobody'),
    );
    const run = await s.cli(['plan']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^rolemodel: No credentials for the master account 123456789012 from profile "nobody": .+\n$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('update', () => {
  test('shows the plan, applies after "yes", and a second update has nothing to do', async () => {
    const run = await s.cli(['update'], { stdin: 'yes\n' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/3 stacks created/);
    expect(run.stderr).toContain('Apply these changes to 3 account(s)? Type yes to continue:');
    expect(run.stdout).toMatch(/Updated\. 3 accounts change/);
    for (const id of Object.values(ACCOUNTS))
      expect(s.aws.stack('RoleModel', id)?.status).toBe('CREATE_COMPLETE');
    expect(managedGroups()).toHaveLength(12);
    expect(managedGroups().find((g) => g.name === 'prod.ReadOnlyRole')?.members).toEqual([
      'alice',
      'bob',
      'carol',
    ]);

    const again = await s.cli(['update']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^No changes\. AWS matches the files\./);
    expect(again.stderr).not.toContain('Type yes');
    expect(mutations(again)).toEqual([]);
  });

  test('not confirmed: nothing changes and no review is left behind', async () => {
    const run = await s.cli(['update'], { stdin: 'no\n' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/Not confirmed; nothing was changed\./);
    expect(changes(run)).toEqual([]);
    expect(managedGroups()).toEqual([]);
    for (const id of Object.values(ACCOUNTS)) expect(s.aws.stacks(id)).toEqual([]);
    // No input at all is no as well.
    const silent = await s.cli(['update']);
    expect(silent.exitCode).toBe(1);
    expect(changes(silent)).toEqual([]);
  });

  test('the original argument order: rolemodel config.yml update --yes', async () => {
    const run = await s.cli(['rolemodel.yml', 'update', '--yes']);
    expect(run.exitCode).toBe(0);
    expect(managedGroups()).toHaveLength(12);
  });

  test('an unknown user in the user map: errors at its line, nothing applied', async () => {
    s.edit('users.yml', (t) => t.replace('    - dave\n\nstaging', '    - dave\n    - mallory\n\nstaging'));
    const run = await s.cli(['update', '--yes']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /^users\.yml:\d+:7: error: IAM user "mallory" does not exist in the master account 123456789012\./m,
    );
    expect(run.stderr).toContain('The plan has errors; nothing was changed.');
    expect(changes(run)).toEqual([]);
    for (const id of Object.values(ACCOUNTS)) expect(s.aws.stacks(id)).toEqual([]);
  });
});

describe('sync_users and list after an update', () => {
  beforeEach(async () => {
    expect((await s.cli(['update', '--yes'])).exitCode).toBe(0);
  });

  test('rolemodel config.yml sync_users other.yml: only memberships change, from the other user map', async () => {
    const other = readFileSync(join(s.workspace, 'users.yml'), 'utf8').replace(
      '  AdminRole:\n    - alice\n  SuperUserRole:\n    - bob',
      '  AdminRole:\n    - bob\n  SuperUserRole:\n    - bob',
    );
    writeFileSync(join(s.workspace, 'other.yml'), other);
    const run = await s.cli(['rolemodel.yml', 'sync_users', 'other.yml'], { stdin: 'yes\n' });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/prod\.AdminRole +\+bob -alice/);
    expect(mutations(run).sort()).toEqual(['AddUserToGroup', 'RemoveUserFromGroup']);
    expect(run.requests.filter((r) => r.service === 'cloudformation')).toEqual([]);
    expect(managedGroups().find((g) => g.name === 'prod.AdminRole')?.members).toEqual(['bob']);
  });

  test('list shows each role with its ARN, members and a Switch role link; reads only', async () => {
    const run = await s.cli(['list']);
    expect(run.exitCode).toBe(0);
    const role = s.aws.iamState(ACCOUNTS.prod).roles.find((r) => r.name.startsWith('RoleModel-AdminRole-'));
    expect(run.stdout).toContain(`AdminRole (admin) MFA  ${role?.arn ?? 'missing'}`);
    expect(run.stdout).toContain(
      `https://signin.aws.amazon.com/switchrole?account=${ACCOUNTS.prod}&roleName=${role?.name ?? ''}&displayName=prod.AdminRole`,
    );
    expect(run.stdout).toMatch(/^ {2}dave +cdn\.FinanceRole, prod\.FinanceRole$/m);
    expect(mutations(run)).toEqual([]);
    expect(run.requests.filter((r) => r.changeSet)).toEqual([]);
  });

  test('delete refuses a wrong name, then deletes every stack and managed group with --confirm', async () => {
    const refused = await s.cli(['delete'], { stdin: 'yes\n' });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/This deletes stack RoleModel from 3 account\(s\)/);
    expect(refused.stderr).toMatch(
      /Refusing to delete: the stack name RoleModel was not typed\. Nothing was changed\./,
    );
    expect(mutations(refused)).toEqual([]);

    const run = await s.cli(['delete', '--confirm', 'RoleModel']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Deleted\.\n$/);
    for (const id of Object.values(ACCOUNTS)) expect(s.aws.stacks(id)).toEqual([]);
    expect(managedGroups()).toEqual([]);
    expect(s.aws.iamState(MASTER).users.map((u) => u.name)).toEqual(
      expect.arrayContaining(['alice', 'bob', 'carol', 'dave']),
    );
  });
});
