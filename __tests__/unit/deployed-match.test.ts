// When a deployed stack may be called unchanged without a change set (core/template/deployed-match),
// and the adapter that asks CloudFormation for the deployed template (aws/cloudformation/deployed).
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
} from '@aws-sdk/client-cloudformation';
import type { StackStatus } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { reviewStack } from '../../src/aws/cloudformation/index.ts';
import type { DesiredStack, RoleTemplate } from '../../src/core/model.ts';
import {
  changeSetRequired,
  effectiveParameters,
  matchesDeployed,
} from '../../src/core/template/deployed-match.ts';
import type { DeployedStack } from '../../src/core/template/deployed-match.ts';

const at = { file: 'roles.yml', line: 1, column: 1 };
const BODY =
  'Parameters:\n  AssumingAccountID:\n    Type: String\nResources:\n  AdminRole:\n    Type: AWS::IAM::Role\n';

const template = (document: Record<string, unknown>, body = BODY): RoleTemplate => ({
  file: 'roles.yml',
  body,
  format: 'yaml',
  roles: [{ logicalId: 'AdminRole', roleName: undefined, path: '/', position: at }],
  parameters: Object.keys((document['Parameters'] as Record<string, unknown> | undefined) ?? {}).map(
    (name) => ({
      name,
      hasDefault: false,
      position: at,
    }),
  ),
  document,
});

const PLAIN = template({
  Parameters: { AssumingAccountID: { Type: 'String' } },
  Resources: { AdminRole: { Type: 'AWS::IAM::Role' } },
});

const stack = (over: Partial<DesiredStack> = {}): DesiredStack => ({
  accountName: 'prod',
  accountId: '210987654321',
  stackName: 'RoleModel',
  templateBody: BODY,
  parameters: [{ key: 'AssumingAccountID', value: '123456789012' }],
  ...over,
});

const deployed = (over: Partial<DeployedStack> = {}): DeployedStack => ({
  status: 'UPDATE_COMPLETE',
  templateBody: BODY,
  parameters: [{ key: 'AssumingAccountID', value: '123456789012' }],
  ...over,
});

describe('matchesDeployed', () => {
  test('the same text and parameters in CREATE_COMPLETE or UPDATE_COMPLETE: unchanged', () => {
    expect(matchesDeployed(stack(), PLAIN, deployed())).toBe(true);
    expect(matchesDeployed(stack(), PLAIN, deployed({ status: 'CREATE_COMPLETE' }))).toBe(true);
  });

  test.each([
    ['a parameter value', deployed({ parameters: [{ key: 'AssumingAccountID', value: '999999999999' }] })],
    [
      'a parameter the files do not have',
      deployed({ parameters: [...deployed().parameters, { key: 'Extra', value: 'x' }] }),
    ],
    ['a missing parameter', deployed({ parameters: [] })],
    ['trailing whitespace', deployed({ templateBody: `${BODY}\n` })],
    ['indentation', deployed({ templateBody: BODY.replace('    Type: String', '      Type: String') })],
    ['a comment', deployed({ templateBody: `# roles\n${BODY}` })],
    ['a tag in the template', deployed({ templateBody: `${BODY}      Tags: [{ Key: team, Value: a }]\n` })],
  ])('differs by %s: a change set decides', (_, d) => {
    expect(matchesDeployed(stack(), PLAIN, d)).toBe(false);
  });

  test.each([
    'UPDATE_ROLLBACK_COMPLETE',
    'IMPORT_COMPLETE',
    'IMPORT_ROLLBACK_COMPLETE',
    'ROLLBACK_COMPLETE',
    'REVIEW_IN_PROGRESS',
    'UPDATE_IN_PROGRESS',
    'UPDATE_ROLLBACK_FAILED',
  ])('%s is never compared, even with the same text and parameters', (status) => {
    expect(matchesDeployed(stack(), PLAIN, deployed({ status }))).toBe(false);
  });

  test('a parameter left to its default is compared with the default, as CloudFormation stores it', () => {
    const t = template({
      Parameters: {
        AssumingAccountID: { Type: 'String' },
        MaxSession: { Type: 'Number', Default: 3600 },
        Mfa: { Type: 'String', Default: true },
      },
      Resources: {},
    });
    expect([...effectiveParameters(stack(), t)]).toEqual([
      ['AssumingAccountID', '123456789012'],
      ['MaxSession', '3600'],
      ['Mfa', 'true'],
    ]);
    const all = [
      ...deployed().parameters,
      { key: 'MaxSession', value: '3600' },
      { key: 'Mfa', value: 'true' },
    ];
    expect(matchesDeployed(stack(), t, deployed({ parameters: all }))).toBe(true);
    const changed = all.map((p) => (p.key === 'MaxSession' ? { ...p, value: '7200' } : p));
    expect(matchesDeployed(stack(), t, deployed({ parameters: changed }))).toBe(false);
  });
});

describe('changeSetRequired', () => {
  test.each([
    [
      'a dynamic reference',
      template({ Resources: {} }, `${BODY}# {{resolve:ssm:/x}}\n`),
      /dynamic references/,
    ],
    [
      'an SSM parameter type',
      template({ Parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/ami' } } }),
      /Ami is read from SSM/,
    ],
    [
      'a NoEcho parameter',
      template({ Parameters: { Secret: { Type: 'String', NoEcho: true } } }),
      /Secret is NoEcho/,
    ],
    [
      'a top-level transform',
      template({ Transform: 'AWS::Serverless-2016-10-31', Resources: {} }),
      /transform/,
    ],
    [
      'an inline Fn::Transform',
      template({
        Resources: {
          P: { Type: 'AWS::IAM::Policy', Properties: { 'Fn::Transform': { Name: 'AWS::Include' } } },
        },
      }),
      /transform/,
    ],
    [
      'a nested stack',
      template({
        Resources: {
          Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' } },
        },
      }),
      /Child deploys a template stored outside/,
    ],
    [
      'a default that is not a plain value',
      template({ Parameters: { L: { Type: 'String', Default: ['a'] } } }),
      /not a plain value/,
    ],
  ])('%s always gets a change set', (_, t, reason) => {
    expect(changeSetRequired(t)).toMatch(reason);
    expect(matchesDeployed(stack({ templateBody: t.body }), t, deployed({ templateBody: t.body }))).toBe(
      false,
    );
  });

  test('a plain template can be compared', () => {
    expect(changeSetRequired(PLAIN)).toBeUndefined();
  });
});

describe('reviewStack compares before it makes a change set', () => {
  const cf = mockClient(CloudFormationClient);
  const client = new CloudFormationClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  const review = (t: RoleTemplate, s = stack()) =>
    reviewStack(client, {
      stack: s,
      template: t,
      partition: 'aws',
      keepChangeSet: false,
      changeSetName: 'rolemodel-plan',
      maxWaitSeconds: 1,
      pollDelayMs: 1,
    });
  const describeAs = (status: StackStatus, parameters = deployed().parameters) =>
    cf.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'RoleModel',
          StackId: 'id',
          StackStatus: status,
          CreationTime: new Date(),
          Parameters: parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
        },
      ],
    });
  beforeEach(() => {
    cf.reset();
    cf.on(ListStackResourcesCommand).resolves({ StackResourceSummaries: [] });
    // No change set is expected: one asked for fails the review loudly.
    cf.on(CreateChangeSetCommand).rejects(new Error('a change set was made'));
  });

  test('the same text and parameters: no change, said to be compared, no change set', async () => {
    describeAs('UPDATE_COMPLETE');
    cf.on(GetTemplateCommand).resolves({ TemplateBody: BODY });
    const { observed } = await review(PLAIN);
    expect(observed.review).toEqual({ kind: 'no-change', comparedWithDeployed: true });
    expect(cf.commandCalls(GetTemplateCommand)[0]?.args[0].input).toEqual({
      StackName: 'RoleModel',
      TemplateStage: 'Original',
    });
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  test('a NoEcho parameter comes back masked: a change set decides', async () => {
    const t = template({ Parameters: { Secret: { Type: 'String', NoEcho: true } }, Resources: {} });
    describeAs('UPDATE_COMPLETE', [{ key: 'Secret', value: '****' }]);
    cf.on(GetTemplateCommand).resolves({ TemplateBody: BODY });
    const { observed } = await review(t, stack({ parameters: [{ key: 'Secret', value: 's3cr3t' }] }));
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(observed.review.kind).toBe('error');
    expect(cf.commandCalls(GetTemplateCommand)).toHaveLength(0);
  });

  test('UPDATE_ROLLBACK_COMPLETE with the same text: GetTemplate is not even asked, a change set decides', async () => {
    describeAs('UPDATE_ROLLBACK_COMPLETE');
    cf.on(GetTemplateCommand).resolves({ TemplateBody: BODY });
    const { observed } = await review(PLAIN);
    expect(observed.review.kind).toBe('error');
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(GetTemplateCommand)).toHaveLength(0);
  });

  test('GetTemplate refused (a deployer role from before): a warning, and a change set decides', async () => {
    describeAs('UPDATE_COMPLETE');
    cf.on(GetTemplateCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDenied' }));
    const warnings: string[] = [];
    const { observed } = await reviewStack(client, {
      stack: stack(),
      template: PLAIN,
      partition: 'aws',
      keepChangeSet: false,
      changeSetName: 'rolemodel-plan',
      maxWaitSeconds: 1,
      pollDelayMs: 1,
      warn: (m) => warnings.push(m),
    });
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(observed.review.kind).toBe('error');
    expect(warnings).toEqual([
      expect.stringContaining(
        '(AccessDenied: not allowed); a change set decides instead. Allow cloudformation:GetTemplate',
      ),
    ]);
  });
});
