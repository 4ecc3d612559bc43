// CloudFormation change sets through the real SDK v3 client, including the SDK waiters.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type Change,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { NO_CHANGES_REASON, startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
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

const TRUSTED: Parameter = { ParameterKey: 'TrustedAccount', ParameterValue: '111111111111' };

async function submit(
  stack: string,
  name: string,
  type: 'CREATE' | 'UPDATE',
  parameters: Parameter[],
  body = ROLE_TEMPLATE,
) {
  const created = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: stack,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: body,
      Parameters: parameters,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  return created.Id ?? '';
}

async function deployed(stack: string, parameters: Parameter[] = [TRUSTED]): Promise<void> {
  const id = await submit(stack, 'initial', 'CREATE', parameters);
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id });
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: stack });
}

async function changesOf(id: string): Promise<Change[]> {
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id });
  return (await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }))).Changes ?? [];
}

test('CREATE change set: REVIEW_IN_PROGRESS, waiter, execute, stack waiter, role in IAM', async () => {
  // Long enough that the first describe lands in CREATE_PENDING even on a loaded machine.
  emu.setChangeSetDelay(2_000);
  const id = await submit('roles', 'create-1', 'CREATE', [TRUSTED]);
  expect(id).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:changeSet\/create-1\/[0-9a-f-]{36}$/);
  const pending = await c.cfn.send(
    new DescribeChangeSetCommand({ ChangeSetName: 'create-1', StackName: 'roles' }),
  );
  expect(pending.Status).toBe('CREATE_PENDING');
  expect(pending.ExecutionStatus).toBe('UNAVAILABLE');
  const stacks = await c.cfn.send(new DescribeStacksCommand({ StackName: 'roles' }));
  expect(stacks.Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');

  const result = await waitUntilChangeSetCreateComplete(
    { client: c.cfn, ...FAST_WAITER },
    { ChangeSetName: id },
  );
  expect(result.state).toBe('SUCCESS');
  const described = await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
  expect(described).toMatchObject({
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    StackName: 'roles',
  });
  expect(described.Changes).toEqual([
    {
      Type: 'Resource',
      ResourceChange: {
        Action: 'Add',
        LogicalResourceId: 'AccessRole',
        ResourceType: 'AWS::IAM::Role',
        Scope: [],
        Details: [],
      },
    },
  ]);
  expect(described.Parameters).toContainEqual({ ParameterKey: 'RoleName', ParameterValue: 'deployer' });

  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
  const inProgress = await errorOf(c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id })));
  expect(inProgress).toMatchObject({ name: 'InvalidChangeSetStatusException', status: 400 });
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'roles' });

  const stack = (await c.cfn.send(new DescribeStacksCommand({ StackName: 'roles' }))).Stacks?.[0];
  expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
  expect(stack?.Outputs).toEqual([
    {
      OutputKey: 'RoleArn',
      OutputValue: 'arn:aws:iam::123456789012:role/deployer',
      ExportName: 'roles-RoleArn',
    },
  ]);
  const role = (await c.iam.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role;
  expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')).Statement[0].Principal).toEqual(
    {
      AWS: 'arn:aws:iam::111111111111:root',
    },
  );
  expect(emu.iamState().roles[0]?.policies).toHaveProperty('read');
  expect((await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }))).ExecutionStatus).toBe(
    'EXECUTE_COMPLETE',
  );
});

test('deleting the only CREATE change set leaves the stack in REVIEW_IN_PROGRESS', async () => {
  const id = await submit('review', 'cs', 'CREATE', [TRUSTED]);
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id });
  expect((await c.cfn.send(new ListChangeSetsCommand({ StackName: 'review' }))).Summaries).toHaveLength(1);
  await c.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: 'cs', StackName: 'review' }));
  expect((await c.cfn.send(new ListChangeSetsCommand({ StackName: 'review' }))).Summaries).toEqual([]);
  expect(
    (await c.cfn.send(new DescribeStacksCommand({ StackName: 'review' }))).Stacks?.[0]?.StackStatus,
  ).toBe('REVIEW_IN_PROGRESS');
  expect(await errorOf(c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id })))).toMatchObject({
    name: 'ChangeSetNotFoundException',
    status: 404,
  });
  await c.cfn.send(new DeleteStackCommand({ StackName: 'review' }));
  await waitUntilStackDeleteComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'review' });
  expect(await errorOf(c.cfn.send(new DescribeStacksCommand({ StackName: 'review' })))).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'Stack with id review does not exist',
  });
});

test('an UPDATE change set without changes FAILS with the AWS reason', async () => {
  await deployed('same');
  const id = await submit('same', 'noop', 'UPDATE', [TRUSTED]);
  const error = await errorOf(
    waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id }),
  );
  expect(error.name).toBe('Error');
  const described = await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
  expect(described).toMatchObject({
    Status: 'FAILED',
    StatusReason: NO_CHANGES_REASON,
    ExecutionStatus: 'UNAVAILABLE',
  });
  expect(NO_CHANGES_REASON).toBe(
    "The submitted information didn't contain changes. Submit different information to create a change set.",
  );
  expect(await errorOf(c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id })))).toMatchObject({
    name: 'InvalidChangeSetStatusException',
  });
});

test('Modify without replacement, then replacement when RoleName changes via a parameter', async () => {
  await deployed('mod');
  const policyOff = await changesOf(
    await submit('mod', 'policy-off', 'UPDATE', [
      TRUSTED,
      { ParameterKey: 'WithPolicy', ParameterValue: 'no' },
    ]),
  );
  expect(policyOff).toHaveLength(1);
  expect(policyOff[0]?.ResourceChange).toMatchObject({
    Action: 'Modify',
    LogicalResourceId: 'AccessRole',
    PhysicalResourceId: 'deployer',
    Replacement: 'False',
    Scope: ['Properties'],
    Details: [
      {
        Target: { Attribute: 'Properties', Name: 'Policies', RequiresRecreation: 'Never' },
        Evaluation: 'Static',
        ChangeSource: 'ParameterReference',
        CausingEntity: 'WithPolicy',
      },
    ],
  });
  await c.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: 'policy-off', StackName: 'mod' }));

  const renameId = await submit('mod', 'rename', 'UPDATE', [
    TRUSTED,
    { ParameterKey: 'RoleName', ParameterValue: 'deployer-v2' },
  ]);
  const rename = await changesOf(renameId);
  expect(rename[0]?.ResourceChange).toMatchObject({
    Action: 'Modify',
    Replacement: 'True',
    PolicyAction: 'ReplaceAndDelete',
    Details: [
      {
        Target: { Name: 'RoleName', RequiresRecreation: 'Always' },
        ChangeSource: 'ParameterReference',
        CausingEntity: 'RoleName',
      },
    ],
  });
  const withValues = await c.cfn.send(
    new DescribeChangeSetCommand({ ChangeSetName: renameId, IncludePropertyValues: true }),
  );
  expect(withValues.Changes?.[0]?.ResourceChange?.Details?.[0]?.Target).toMatchObject({
    BeforeValue: 'deployer',
    AfterValue: 'deployer-v2',
  });
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: renameId }));
  await waitUntilStackUpdateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'mod' });
  expect(emu.iamState().roles.map((r) => r.name)).toEqual(['deployer-v2']);
  const statuses = emu
    .stack('mod')
    ?.events.filter((e) => e.logicalId === 'mod')
    .map((e) => e.status);
  expect(statuses?.slice(-3)).toEqual([
    'UPDATE_IN_PROGRESS',
    'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
    'UPDATE_COMPLETE',
  ]);
});

test('Add and Remove when logical ids appear and disappear; direct template edits', async () => {
  await deployed('addrm');
  const body = ROLE_TEMPLATE.replace('AccessRole', 'NewRole')
    .replace('AccessRole.Arn', 'NewRole.Arn')
    .replace('RoleName: !Ref RoleName', 'RoleName: other');
  const changes = await changesOf(await submit('addrm', 'swap', 'UPDATE', [TRUSTED], body));
  expect(changes.map((ch) => [ch.ResourceChange?.Action, ch.ResourceChange?.LogicalResourceId])).toEqual([
    ['Add', 'NewRole'],
    ['Remove', 'AccessRole'],
  ]);
  expect(changes[1]?.ResourceChange).toMatchObject({
    PhysicalResourceId: 'deployer',
    PolicyAction: 'Delete',
  });
  const edited = ROLE_TEMPLATE.replace(
    "Action: ['s3:GetObject']",
    "Action: ['s3:GetObject', 's3:ListBucket']",
  );
  const modify = await changesOf(await submit('addrm', 'edit', 'UPDATE', [TRUSTED], edited));
  expect(modify[0]?.ResourceChange?.Details?.[0]).toMatchObject({
    ChangeSource: 'DirectModification',
    Evaluation: 'Static',
  });
});

test('roles without RoleName get a generated physical name; CAPABILITY_IAM suffices', async () => {
  const body = ROLE_TEMPLATE.replace('      RoleName: !Ref RoleName\n', '');
  const created = await c.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'gen',
      ChangeSetName: 'gen',
      ChangeSetType: 'CREATE',
      TemplateBody: body,
      Parameters: [TRUSTED],
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: created.Id });
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
  await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'gen' });
  const [role] = emu.iamState().roles;
  expect(role?.name).toMatch(/^gen-AccessRole-[A-Z0-9]{12}$/);
  expect(emu.stack('gen')?.resources[0]?.physicalId).toBe(role?.name);
});

test('synchronous validation errors of CreateChangeSet', async () => {
  const base = {
    StackName: 'v',
    ChangeSetName: 'v',
    ChangeSetType: 'CREATE' as const,
    TemplateBody: ROLE_TEMPLATE,
  };
  expect(await errorOf(c.cfn.send(new CreateChangeSetCommand({ ...base, Parameters: [TRUSTED] })))).toEqual({
    name: 'InsufficientCapabilitiesException',
    status: 400,
    message: 'Requires capabilities : [CAPABILITY_NAMED_IAM]',
  });
  expect(
    await errorOf(
      c.cfn.send(new CreateChangeSetCommand({ ...base, Capabilities: ['CAPABILITY_NAMED_IAM'] })),
    ),
  ).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'Parameters: [TrustedAccount] must have values',
  });
  expect(
    await errorOf(
      c.cfn.send(
        new CreateChangeSetCommand({
          ...base,
          ChangeSetType: 'UPDATE',
          Parameters: [TRUSTED],
          Capabilities: ['CAPABILITY_NAMED_IAM'],
        }),
      ),
    ),
  ).toEqual({ name: 'ValidationError', status: 400, message: 'Stack [v] does not exist' });
  expect(
    await errorOf(
      c.cfn.send(
        new CreateChangeSetCommand({
          ...base,
          TemplateBody: 'Resources: {}',
          Capabilities: ['CAPABILITY_NAMED_IAM'],
        }),
      ),
    ),
  ).toMatchObject({
    name: 'ValidationError',
    message: 'Template format error: At least one Resources member must be defined.',
  });
  // None of the failed calls created a stack.
  expect(emu.stacks()).toEqual([]);
});

test('CREATE on an existing stack, duplicate names, and UPDATE while in progress', async () => {
  await deployed('busy');
  const again = await errorOf(
    c.cfn.send(
      new CreateChangeSetCommand({
        StackName: 'busy',
        ChangeSetName: 'again',
        ChangeSetType: 'CREATE',
        TemplateBody: ROLE_TEMPLATE,
        Parameters: [TRUSTED],
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    ),
  );
  expect(again).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'Stack [busy] already exists and cannot be created again with the changeSet [again].',
  });
  const params = [TRUSTED, { ParameterKey: 'WithPolicy', ParameterValue: 'no' }];
  const id = await submit('busy', 'upd', 'UPDATE', params);
  expect(await errorOf(submit('busy', 'upd', 'UPDATE', params))).toMatchObject({
    name: 'AlreadyExistsException',
  });
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id });
  emu.setStackOperationDelay(200);
  await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: id }));
  const stackId = emu.stack('busy')?.id ?? '';
  expect(await errorOf(submit('busy', 'during', 'UPDATE', [TRUSTED]))).toEqual({
    name: 'ValidationError',
    status: 400,
    message: `Stack:${stackId} is in UPDATE_IN_PROGRESS state and can not be updated.`,
  });
  await waitUntilStackUpdateComplete(
    { client: c.cfn, maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 },
    { StackName: 'busy' },
  );
});

test('DescribeChangeSet pages Changes with NextToken', async () => {
  emu.setPageSize('DescribeChangeSet', 2);
  const resources = Array.from(
    { length: 5 },
    (_, i) => `  Handle${i}:\n    Type: AWS::CloudFormation::WaitConditionHandle\n`,
  ).join('');
  const id = await submit('many', 'many', 'CREATE', [], `Resources:\n${resources}`);
  await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id });
  const ids: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, NextToken: token }));
    ids.push(...(page.Changes ?? []).map((ch) => ch.ResourceChange?.LogicalResourceId ?? ''));
    token = page.NextToken;
    pages += 1;
  } while (token);
  expect(pages).toBe(3);
  expect(ids).toEqual(['Handle0', 'Handle1', 'Handle2', 'Handle3', 'Handle4']);
});

describe('transforms run when a change set is created', () => {
  const withTransform = (transform: string, resources = ''): string =>
    `Transform: ${transform}\n${ROLE_TEMPLATE.replace('\nOutputs:', `\n${resources}Outputs:`)}`;
  const NESTED =
    '  Shared:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/example/shared.yml\n';

  const create = (name: string, body: string, capabilities: string[] = ['CAPABILITY_NAMED_IAM']) =>
    c.cfn.send(
      new CreateChangeSetCommand({
        StackName: name,
        ChangeSetName: 'review',
        ChangeSetType: 'CREATE',
        TemplateBody: body,
        Parameters: [TRUSTED],
        Capabilities: capabilities as ('CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND')[],
      }),
    );
  const settled = async (id: string) => {
    await waitUntilChangeSetCreateComplete({ client: c.cfn, ...FAST_WAITER }, { ChangeSetName: id }).catch(
      () => undefined,
    );
    return c.cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id }));
  };

  test('a macro of the account and a hosted transform run (and are recorded); an unknown one fails the set', async () => {
    emu.seed({ accounts: { '123456789012': { macros: ['TeamMacro'] } } });
    const macro = await create('with-macro', withTransform('TeamMacro'));
    expect((await settled(macro.Id ?? '')).Status).toBe('CREATE_COMPLETE');
    const hosted = await create('with-hosted', withTransform('AWS::LanguageExtensions'));
    expect((await settled(hosted.Id ?? '')).Status).toBe('CREATE_COMPLETE');
    expect(emu.transformRuns()).toEqual([
      {
        account: '123456789012',
        region: 'us-east-1',
        stackName: 'with-macro',
        changeSetName: 'review',
        transform: 'TeamMacro',
      },
      {
        account: '123456789012',
        region: 'us-east-1',
        stackName: 'with-hosted',
        changeSetName: 'review',
        transform: 'AWS::LanguageExtensions',
      },
    ]);
    const unknown = await create('with-unknown', withTransform('NoSuchMacro'));
    const failed = await settled(unknown.Id ?? '');
    expect(failed.Status).toBe('FAILED');
    expect(failed.StatusReason).toBe('No transform named 123456789012::NoSuchMacro found.');
    expect(emu.transformRuns()).toHaveLength(2);
  });

  test('a transformed template with a nested stack executes only with CAPABILITY_AUTO_EXPAND on its set', async () => {
    const without = await create('nested-1', withTransform('AWS::LanguageExtensions', NESTED));
    await settled(without.Id ?? '');
    expect(await errorOf(c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: without.Id })))).toEqual({
      name: 'InsufficientCapabilitiesException',
      status: 400,
      message: 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]',
    });
    const withCapability = await create('nested-2', withTransform('AWS::LanguageExtensions', NESTED), [
      'CAPABILITY_NAMED_IAM',
      'CAPABILITY_AUTO_EXPAND',
    ]);
    await settled(withCapability.Id ?? '');
    await c.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: withCapability.Id }));
    await waitUntilStackCreateComplete({ client: c.cfn, ...FAST_WAITER }, { StackName: 'nested-2' });
  });
});
