// CloudFormation stacks through the real SDK v3 client: lifecycle, events, resources, failures.
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  paginateDescribeStackEvents,
  paginateListStackResources,
  UpdateStackCommand,
  ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, FAST_WAITER, ROLE_TEMPLATE, type Clients } from './helpers.ts';

let emu: AwsEmulator;
let c: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator({ stackOperationDelayMs: 10, changeSetDelayMs: 10 });
  c = clientsFor(emu);
});
afterAll(async () => {
  destroyClients(c);
  await emu.close();
});
beforeEach(async () => {
  await emu.idle();
  emu.reset();
});

const TRUSTED = { ParameterKey: 'TrustedAccount', ParameterValue: '111111111111' };
const NAMED_IAM = ['CAPABILITY_NAMED_IAM' as const];

const GROUP_ACCESS_TEMPLATE = `
Parameters:
  GroupName: { Type: String }
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub '\${AWS::StackName}-role'
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { AWS: !Ref AWS::AccountId }, Action: sts:AssumeRole }]
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: 'sts:AssumeRole', Resource: !GetAtt Role.Arn }]
      Groups: [!Ref GroupName]
  Inline:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: assume-role
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: 'sts:AssumeRole', Resource: !GetAtt Role.Arn }]
      Groups: [!Ref GroupName]
Outputs:
  RoleId: { Value: !GetAtt Role.RoleId }
`;

async function createStack(name: string, body = ROLE_TEMPLATE, parameters = [TRUSTED]): Promise<string> {
  const result = await c.cfn.send(
    new CreateStackCommand({
      StackName: name,
      TemplateBody: body,
      Parameters: parameters,
      Capabilities: NAMED_IAM,
    }),
  );
  return result.StackId ?? '';
}

async function allEvents(stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  for await (const page of paginateDescribeStackEvents({ client: c.cfn }, { StackName: stackName })) {
    events.push(...(page.StackEvents ?? []));
  }
  return events;
}

test('CreateStack, waiter, resources, template and paginated events (newest first)', async () => {
  emu.setPageSize('DescribeStackEvents', 2);
  emu.setStackOperationDelay(1_000);
  const stackId = await createStack('life');
  expect(stackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\/life\/[0-9a-f-]{36}$/);
  expect((await c.cfn.send(new DescribeStacksCommand({ StackName: 'life' }))).Stacks?.[0]?.StackStatus).toBe(
    'CREATE_IN_PROGRESS',
  );
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'life' });
  const resources = await c.cfn.send(new DescribeStackResourcesCommand({ StackName: 'life' }));
  expect(resources.StackResources).toEqual([
    expect.objectContaining({
      LogicalResourceId: 'AccessRole',
      PhysicalResourceId: 'deployer',
      ResourceType: 'AWS::IAM::Role',
      ResourceStatus: 'CREATE_COMPLETE',
    }),
  ]);
  const template = await c.cfn.send(new GetTemplateCommand({ StackName: 'life' }));
  expect(template.TemplateBody).toBe(ROLE_TEMPLATE);
  const events = await allEvents('life');
  expect(events.length).toBeGreaterThan(4);
  expect(events[0]).toMatchObject({ LogicalResourceId: 'life', ResourceStatus: 'CREATE_COMPLETE' });
  expect(events.at(-1)).toMatchObject({
    ResourceStatus: 'CREATE_IN_PROGRESS',
    ResourceStatusReason: 'User Initiated',
  });
  const times = events.map((e) => e.Timestamp?.getTime() ?? 0);
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  expect(new Set(events.map((e) => e.EventId)).size).toBe(events.length);
});

test('IAM policies and managed policies attached to groups by a stack', async () => {
  emu.seed({ accounts: { '123456789012': { groups: [{ name: 'ops', members: ['alice'] }] } } });
  await createStack('grp', GROUP_ACCESS_TEMPLATE, [{ ParameterKey: 'GroupName', ParameterValue: 'ops' }]);
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'grp' });
  const iam = emu.iamState();
  const group = iam.groups[0];
  expect(group?.policies).toEqual({
    'assume-role': {
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/grp-role' },
      ],
    },
  });
  expect(group?.managedPolicyArns).toEqual([iam.managedPolicies[0]?.arn]);
  expect(iam.managedPolicies[0]?.name).toMatch(/^grp-Managed-[A-Z0-9]{12}$/);
  expect(emu.stack('grp')?.outputs.RoleId).toBe(iam.roles[0]?.id);

  await c.cfn.send(new DeleteStackCommand({ StackName: 'grp' }));
  await waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'grp' });
  const after = emu.iamState();
  expect(after.roles).toEqual([]);
  expect(after.managedPolicies).toEqual([]);
  expect(after.groups[0]).toMatchObject({
    name: 'ops',
    policies: {},
    managedPolicyArns: [],
    members: ['alice'],
  });
});

test('ListStackResources pages with NextToken', async () => {
  emu.setPageSize('ListStackResources', 2);
  const body = `Resources:\n${Array.from({ length: 5 }, (_, i) => `  H${i}:\n    Type: AWS::CloudFormation::WaitConditionHandle\n`).join('')}`;
  await createStack('pages', body, []);
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'pages' });
  const ids: string[] = [];
  for await (const page of paginateListStackResources({ client: c.cfn }, { StackName: 'pages' })) {
    ids.push(...(page.StackResourceSummaries ?? []).map((r) => r.LogicalResourceId ?? ''));
  }
  expect(ids).toEqual(['H0', 'H1', 'H2', 'H3', 'H4']);
  const first = await c.cfn.send(new ListStackResourcesCommand({ StackName: 'pages' }));
  expect(first.NextToken).toEqual(expect.any(String));
});

test('UpdateStack: no-op is rejected, real changes complete', async () => {
  await createStack('upd');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'upd' });
  const update = (
    parameters: { ParameterKey: string; ParameterValue?: string; UsePreviousValue?: boolean }[],
  ) =>
    c.cfn.send(
      new UpdateStackCommand({
        StackName: 'upd',
        TemplateBody: ROLE_TEMPLATE,
        Parameters: parameters,
        Capabilities: NAMED_IAM,
      }),
    );
  expect(await errorOf(update([{ ParameterKey: 'TrustedAccount', UsePreviousValue: true }]))).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'No updates are to be performed.',
  });
  await update([TRUSTED, { ParameterKey: 'WithPolicy', ParameterValue: 'no' }]);
  await waitUntilStackUpdateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'upd' });
  expect(emu.iamState().roles[0]?.policies).toEqual({});
  expect(emu.stack('upd')?.parameters.WithPolicy).toBe('no');
  expect(
    await errorOf(c.cfn.send(new UpdateStackCommand({ StackName: 'nope', UsePreviousTemplate: true }))),
  ).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'Stack [nope] does not exist',
  });
});

test('DeleteStack goes through DELETE_IN_PROGRESS; the stack stays visible by ARN only', async () => {
  const stackId = await createStack('gone');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'gone' });
  emu.setStackOperationDelay(100);
  await c.cfn.send(new DeleteStackCommand({ StackName: 'gone' }));
  expect((await c.cfn.send(new DescribeStacksCommand({ StackName: 'gone' }))).Stacks?.[0]?.StackStatus).toBe(
    'DELETE_IN_PROGRESS',
  );
  await waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'gone' });
  expect(await errorOf(c.cfn.send(new DescribeStacksCommand({ StackName: 'gone' })))).toMatchObject({
    name: 'ValidationError',
    message: 'Stack with id gone does not exist',
  });
  expect((await c.cfn.send(new DescribeStacksCommand({ StackName: stackId }))).Stacks?.[0]?.StackStatus).toBe(
    'DELETE_COMPLETE',
  );
  expect(emu.iamState().roles).toEqual([]);
  await c.cfn.send(new DeleteStackCommand({ StackName: 'never-existed' }));
});

test('an injected resource failure rolls a create back to ROLLBACK_COMPLETE', async () => {
  emu.seed({ accounts: { '123456789012': { groups: [{ name: 'ops' }] } } });
  emu.failResource({ logicalId: 'Inline', reason: 'Access denied by SCP', operation: 'create' });
  await createStack('rb', GROUP_ACCESS_TEMPLATE, [{ ParameterKey: 'GroupName', ParameterValue: 'ops' }]);
  const waited = await errorOf(
    waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'rb' }),
  );
  expect(waited.message).toContain('ROLLBACK_COMPLETE');
  const stack = (await c.cfn.send(new DescribeStacksCommand({ StackName: 'rb' }))).Stacks?.[0];
  expect(stack?.StackStatus).toBe('ROLLBACK_COMPLETE');
  const events = await allEvents('rb');
  expect(events).toContainEqual(
    expect.objectContaining({
      LogicalResourceId: 'Inline',
      ResourceStatus: 'CREATE_FAILED',
      ResourceStatusReason: 'Access denied by SCP',
    }),
  );
  expect(events).toContainEqual(
    expect.objectContaining({
      LogicalResourceId: 'rb',
      ResourceStatus: 'ROLLBACK_IN_PROGRESS',
      ResourceStatusReason:
        'The following resource(s) failed to create: [Inline]. Rollback requested by user.',
    }),
  );
  // Everything created before the failure was deleted again.
  expect(emu.iamState()).toMatchObject({ roles: [], managedPolicies: [] });

  // A ROLLBACK_COMPLETE stack can only be deleted.
  const updateSet = await errorOf(
    c.cfn.send(
      new CreateChangeSetCommand({
        StackName: 'rb',
        ChangeSetName: 'fix',
        ChangeSetType: 'UPDATE',
        TemplateBody: GROUP_ACCESS_TEMPLATE,
        Parameters: [{ ParameterKey: 'GroupName', ParameterValue: 'ops' }],
        Capabilities: NAMED_IAM,
      }),
    ),
  );
  expect(updateSet).toEqual({
    name: 'ValidationError',
    status: 400,
    message: `Stack:${stack?.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`,
  });
  await c.cfn.send(new DeleteStackCommand({ StackName: 'rb' }));
  await waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'rb' });
});

test('an injected update failure ends in UPDATE_ROLLBACK_COMPLETE with the previous state restored', async () => {
  await createStack('urb');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'urb' });
  emu.failResource({ logicalId: 'AccessRole', operation: 'update', reason: 'Throttled by IAM', times: 1 });
  const created = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'urb',
      ChangeSetName: 'off',
      TemplateBody: ROLE_TEMPLATE,
      Capabilities: NAMED_IAM,
      Parameters: [TRUSTED, { ParameterKey: 'WithPolicy', ParameterValue: 'no' }],
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: created.Id });
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
  const waited = await errorOf(
    waitUntilStackUpdateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'urb' }),
  );
  expect(waited.message).toContain('UPDATE_ROLLBACK_COMPLETE');
  const stack = emu.stack('urb');
  expect(stack?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(stack?.parameters.WithPolicy).toBe('yes');
  expect(stack?.events).toContainEqual(
    expect.objectContaining({ logicalId: 'AccessRole', status: 'UPDATE_FAILED', reason: 'Throttled by IAM' }),
  );
  expect(emu.iamState().roles[0]?.policies).toHaveProperty('read');
});

test('DELETE_FAILED can be injected; retrying with RetainResources finishes the delete', async () => {
  await createStack('df');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'df' });
  emu.failResource({ logicalId: 'AccessRole', operation: 'delete', reason: 'Cannot delete entity' });
  await c.cfn.send(new DeleteStackCommand({ StackName: 'df' }));
  const waited = await errorOf(
    waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'df' }),
  );
  expect(waited.message).toContain('DELETE_FAILED');
  expect(emu.stack('df')?.statusReason).toBe('The following resource(s) failed to delete: [AccessRole]. ');
  await c.cfn.send(new DeleteStackCommand({ StackName: 'df', RetainResources: ['AccessRole'] }));
  await waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'df' });
  expect(emu.iamState().roles.map((r) => r.name)).toEqual(['deployer']);
});

test('a custom-named resource cannot be replaced without renaming', async () => {
  await createStack('cn');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'cn' });
  const moved = ROLE_TEMPLATE.replace(
    '      RoleName: !Ref RoleName\n',
    '      RoleName: !Ref RoleName\n      Path: /moved/\n',
  );
  await c.cfn.send(
    new UpdateStackCommand({
      StackName: 'cn',
      TemplateBody: moved,
      Parameters: [TRUSTED],
      Capabilities: NAMED_IAM,
    }),
  );
  await errorOf(waitUntilStackUpdateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'cn' }));
  expect(emu.stack('cn')?.events).toContainEqual(
    expect.objectContaining({
      status: 'UPDATE_FAILED',
      reason:
        'CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename deployer and update the stack again.',
    }),
  );
});

test('ImportValue reads exports of other stacks', async () => {
  await createStack('exporter');
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'exporter' });
  const importer = `Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\nOutputs:\n  Imported:\n    Value: !ImportValue exporter-RoleArn\n`;
  await createStack('importer', importer, []);
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'importer' });
  expect(emu.stack('importer')?.outputs.Imported).toBe('arn:aws:iam::123456789012:role/deployer');
});

test('ValidateTemplate and GetTemplateSummary', async () => {
  const validated = await c.cfn.send(new ValidateTemplateCommand({ TemplateBody: ROLE_TEMPLATE }));
  expect(validated.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
  expect(validated.CapabilitiesReason).toBe(
    'The following resource(s) require capabilities: [AWS::IAM::Role]',
  );
  expect(validated.Parameters?.map((p) => p.ParameterKey)).toEqual([
    'TrustedAccount',
    'RoleName',
    'WithPolicy',
  ]);
  expect(validated.Description).toBe('Cross-account access role');
  const summary = await c.cfn.send(new GetTemplateSummaryCommand({ TemplateBody: ROLE_TEMPLATE }));
  expect(summary.ResourceTypes).toEqual(['AWS::IAM::Role']);
  expect(summary.Version).toBe('2010-09-09');
  expect(
    summary.Parameters?.find((p) => p.ParameterKey === 'WithPolicy')?.ParameterConstraints?.AllowedValues,
  ).toEqual(['yes', 'no']);
  expect(
    await errorOf(c.cfn.send(new ValidateTemplateCommand({ TemplateBody: 'Resources:\n  R: {}\n' }))),
  ).toMatchObject({
    name: 'ValidationError',
    message: 'Template format error: [/Resources/R] Every Resources object must contain a Type member.',
  });
});

test('the createStack control helper deploys synchronously', () => {
  const snapshot = emu.createStack({
    name: 'seeded',
    templateBody: ROLE_TEMPLATE,
    parameters: { TrustedAccount: '111111111111' },
  });
  expect(snapshot.status).toBe('CREATE_COMPLETE');
  expect(snapshot.resources).toEqual([
    { logicalId: 'AccessRole', type: 'AWS::IAM::Role', physicalId: 'deployer', status: 'CREATE_COMPLETE' },
  ]);
  expect(emu.iamState().roles.map((r) => r.name)).toEqual(['deployer']);
});

test('error paths of stack and change set reads', async () => {
  const missing = { name: 'ValidationError', status: 400, message: 'Stack with id ghost does not exist' };
  expect(await errorOf(c.cfn.send(new DescribeStackEventsCommand({ StackName: 'ghost' })))).toEqual(missing);
  expect(await errorOf(c.cfn.send(new ListStackResourcesCommand({ StackName: 'ghost' })))).toEqual(missing);
  expect(await errorOf(c.cfn.send(new GetTemplateCommand({ StackName: 'ghost' })))).toEqual(missing);
  expect(await errorOf(c.cfn.send(new ListChangeSetsCommand({ StackName: 'ghost' })))).toEqual({
    ...missing,
    message: 'Stack [ghost] does not exist',
  });
  expect(await errorOf(c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'cs' })))).toMatchObject({
    name: 'ValidationError',
    message: 'StackName must be specified if ChangeSetName is not specified as an ARN.',
  });
  expect(
    await errorOf(c.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: 'cs', StackName: 'ghost' }))),
  ).toMatchObject({
    name: 'ChangeSetNotFoundException',
    status: 404,
  });
  expect(
    await errorOf(c.cfn.send(new CreateStackCommand({ StackName: 'bad_name', TemplateBody: ROLE_TEMPLATE }))),
  ).toMatchObject({
    name: 'ValidationError',
  });
});

test('a second CREATE change set on a REVIEW_IN_PROGRESS stack; UsePreviousTemplate on UPDATE', async () => {
  emu.setChangeSetDelay(100);
  const first = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'rev',
      ChangeSetName: 'a',
      ChangeSetType: 'CREATE',
      TemplateBody: ROLE_TEMPLATE,
      Parameters: [TRUSTED],
      Capabilities: NAMED_IAM,
    }),
  );
  expect(await errorOf(c.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: first.Id })))).toMatchObject({
    name: 'InvalidChangeSetStatusException',
  });
  const second = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'rev',
      ChangeSetName: 'b',
      ChangeSetType: 'CREATE',
      TemplateBody: ROLE_TEMPLATE,
      Parameters: [TRUSTED],
      Capabilities: NAMED_IAM,
    }),
  );
  expect(second.StackId).toBe(first.StackId);
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: second.Id });
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: second.Id }));
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'rev' });
  expect(
    (await c.cfn.send(new ListChangeSetsCommand({ StackName: 'rev' }))).Summaries?.map(
      (s) => s.ChangeSetName,
    ),
  ).toEqual(['b']);
  const previous = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'rev',
      ChangeSetName: 'prev',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'TrustedAccount', UsePreviousValue: true },
        { ParameterKey: 'RoleName', ParameterValue: 'renamed' },
      ],
      Capabilities: NAMED_IAM,
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: previous.Id });
  const described = await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: previous.Id }));
  expect(described.Changes?.[0]?.ResourceChange).toMatchObject({ Action: 'Modify', Replacement: 'True' });
  expect(described.Parameters).toContainEqual({
    ParameterKey: 'TrustedAccount',
    ParameterValue: '111111111111',
  });
});
