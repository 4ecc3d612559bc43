// Teams through the bundled command line against the AWS emulator: after an update applies a
// team, alice's profiles hold the roles her team grants (named after the accounts when the
// files are at hand), she assumes one by its `account.role` name without them, and explain,
// who-can and list count her as holding them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totp } from '../support/aws-emulator/index.ts';
import { ACCOUNTS, ALICE_MFA, MASTER, MFA_SECRETS, startCliScenario } from './cli-scenario.ts';
import type { CliScenario } from './cli-scenario.ts';

let s: CliScenario;
beforeAll(async () => {
  s = await startCliScenario();
  s.edit('rolemodel.yml', (t) => t.replace('users: users.yml\n', 'users: users.yml\nteams: teams.yml\n'));
  writeFileSync(
    join(s.workspace, 'teams.yml'),
    "ops:\n  members: [alice]\n  grants:\n    '*': [SuperUserRole]\n",
  );
  const update = await s.cli(['update', '--yes']);
  expect(update.exitCode).toBe(0);
});
afterAll(async () => s.close());

const superUser = (account: string) =>
  s.aws.iamState(account).roles.find((r) => r.name.startsWith('RoleModel-SuperUserRole-'))?.arn ?? '';

test('profiles: a block for every role her team grants, named after the accounts with --config, by account id without', async () => {
  const named = await s.cli(['profiles', '--profile', 'alice', '--config', 'rolemodel.yml']);
  expect(named.exitCode).toBe(0);
  for (const [account, id] of Object.entries(ACCOUNTS))
    expect(named.stdout).toContain(
      `[profile ${account}-SuperUserRole]\nrole_arn = ${superUser(id)}\nsource_profile = alice\nmfa_serial = ${ALICE_MFA}`,
    );
  // Her own groups' roles are there as before: 3 of hers and 3 of the team's.
  expect(named.stdout.match(/^\[profile /gm)).toHaveLength(6);

  const bare = await s.cli(['profiles', '--profile', 'alice']);
  expect(bare.exitCode).toBe(0);
  expect(bare.stdout).toContain(
    `[profile ${ACCOUNTS.cdn}-SuperUserRole]\nrole_arn = ${superUser(ACCOUNTS.cdn)}`,
  );
  expect(bare.stdout).toContain('[profile prod-AdminRole]');
});

test('assume cdn.SuperUserRole: a role only her team grants, found by its name without the files', async () => {
  const run = await s.cli(['assume', 'cdn.SuperUserRole', '--profile', 'alice', '--format', 'json'], {
    stdin: `${totp(MFA_SECRETS.alice, Date.now())}\n`,
  });
  expect(run.stderr).not.toMatch(/error/i);
  expect(run.exitCode).toBe(0);
  expect((JSON.parse(run.stdout) as { roleArn: string }).roleArn).toBe(superUser(ACCOUNTS.cdn));
});

test('explain, who-can and list count the team', async () => {
  const explain = await s.cli(['explain', 'cdn.SuperUserRole']);
  expect(explain.exitCode).toBe(0);
  expect(explain.stdout).toContain('Held by (users.yml, teams.yml)\n  cdn: carol, alice\n');

  const whoCan = await s.cli(['who-can', 's3:PutObject', '--account', 'staging']);
  expect(whoCan.exitCode).toBe(0);
  expect(whoCan.stdout).toContain('  staging.SuperUserRole  (write)  allowed  alice\n');

  const list = await s.cli(['list']);
  expect(list.exitCode).toBe(0);
  expect(list.stdout).toMatch(/\n {4}team ops: alice\n/);
  expect(list.stdout).toMatch(
    /Teams\n {2}ops +alice +prod\.SuperUserRole, staging\.SuperUserRole, cdn\.SuperUserRole\n/,
  );
  void MASTER;
});
