// Issue 10, item 2: names IAM treats as the same are the same. Two roles or two accounts that
// differ only in letter case would share one IAM group (a hidden grant: the members of both in
// one group, flipping on every apply), and a managed group spelled in another case is never
// adopted.
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { mutatingCalls } from './apply-helpers.ts';
import { replaceIn } from './plan-helpers.ts';
import { MASTER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(async () => scenario.close());

const located = (result: RunResult<AwsEmulator>) =>
  result.annotations
    .filter((a) => a.severity === 'error' && a.file !== undefined)
    .map((a) => [a.file, a.line, a.message.split('\n')[0]]);

/** A copy of the sample's ReadOnlyRole under the logical id `adminrole`. */
const ADMINROLE = [
  '  adminrole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument:',
  "        Version: '2012-10-17'",
  '        Statement:',
  '          - Effect: Allow',
  '            Principal:',
  '              AWS: !Sub arn:${AWS::Partition}:iam::${AssumingAccountID}:root',
  '            Action: sts:AssumeRole',
  '      ManagedPolicyArns:',
  '        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess',
  '',
  '',
].join('\n');

test('roles `AdminRole` and `adminrole` are an error at both lines; nothing is planned or applied', async () => {
  scenario.edit('roles.yml', (text) => text.replace('\nOutputs:', `\n${ADMINROLE}Outputs:`));
  // dave would land in the group of AdminRole: a hidden admin grant.
  replaceIn(scenario, 'users.yml', 'prod:\n', 'prod:\n  adminrole: [dave]\n');

  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(1);
  expect(plan.aws?.requestLog).toEqual([]);
  const errors = located(plan).filter(([file]) => file === 'roles.yml');
  expect(errors).toEqual([
    [
      'roles.yml',
      expect.any(Number),
      expect.stringMatching(
        /^Duplicate role logical id "AdminRole" \(also at line \d+ as "adminrole"\); IAM names ignore letter case\.$/,
      ),
    ],
    [
      'roles.yml',
      expect.any(Number),
      expect.stringMatching(/^Duplicate role logical id "adminrole" \(also at line \d+ as "AdminRole"\)/),
    ],
  ]);
  expect(errors[0]?.[1]).not.toBe(errors[1]?.[1]);
  expect(planComments(scenario)[0]).toContain('IAM names ignore letter case');

  const apply = await scenario.apply();
  expect(apply.exitCode).toBe(1);
  expect(mutatingCalls(apply.aws?.requestLog ?? [])).toEqual([]);
  expect(scenario.aws.iamState(MASTER).groups).toEqual([]);
});

test('accounts `prod` and `Prod` are an error at both lines', async () => {
  scenario.edit(
    'rolemodel.yml',
    (text) => `${text.trimEnd()}\n\n  - name: Prod\n    account_id: '510987654321'\n`,
  );
  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(1);
  expect(plan.aws?.requestLog).toEqual([]);
  expect(located(plan)).toEqual([
    [
      'rolemodel.yml',
      43,
      'Duplicate account name "prod" (also at line 57 as "Prod"); IAM names ignore letter case.',
    ],
    [
      'rolemodel.yml',
      57,
      'Duplicate account name "Prod" (also at line 43 as "prod"); IAM names ignore letter case.',
    ],
  ]);
});

test('a managed group that differs only in case is an error, never adopted, never changed', async () => {
  // The group of prod.AdminRole, spelled another way (by hand, or by an older config), with dave in it.
  scenario.aws.seed({
    accounts: { [MASTER]: { groups: [{ name: 'Prod.AdminRole', path: '/RoleModel/', members: ['dave'] }] } },
  });

  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(1);
  expect(plan.annotations.map((a) => a.message).join('\n')).toContain(
    'The master account has a group "Prod.AdminRole" under /RoleModel/, which IAM takes for "prod.AdminRole" (names ignore letter case): RoleModel neither adopts it nor creates "prod.AdminRole".',
  );

  const apply = await scenario.apply();
  expect(apply.exitCode).toBe(1);
  expect(mutatingCalls(apply.aws?.requestLog ?? []).filter((e) => e.service === 'iam')).toEqual([]);
  expect(scenario.aws.iamState(MASTER).groups).toEqual([
    expect.objectContaining({ name: 'Prod.AdminRole', path: '/RoleModel/', members: ['dave'], policies: {} }),
  ]);
});
