// reviewStack against a mocked CloudFormation: each state of the stack, each way a change
// set ends, and the cleanup a plan owes (change set and REVIEW_IN_PROGRESS stack).
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListStackResourcesCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import { discardReview } from '../../src/aws/cloudformation/cleanup.ts';
import type {
  Change,
  CreateChangeSetCommandInput,
  DescribeChangeSetCommandInput,
  DescribeChangeSetCommandOutput,
  ResourceStatus,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { reviewStack } from '../../src/aws/cloudformation/index.ts';
import type { ReviewInput } from '../../src/aws/cloudformation/index.ts';
import type { DesiredStack, RoleTemplate } from '../../src/core/model.ts';

const STACK = 'RoleModel';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:210987654321:stack/RoleModel/1111';
const CS_ID = 'arn:aws:cloudformation:us-east-1:210987654321:changeSet/rolemodel-plan/2222';
const at = { file: 'roles.yml', line: 1, column: 1 };

const template: RoleTemplate = {
  file: 'roles.yml',
  body: 'Resources: {}',
  format: 'yaml',
  roles: [{ logicalId: 'AdminRole', roleName: undefined, path: '/admins/', position: at }],
  parameters: [],
  document: {
    Resources: {
      AdminRole: { Type: 'AWS::IAM::Role' },
      AdminPolicy: { Type: 'AWS::IAM::Policy' },
    },
  },
};

const desired: DesiredStack = {
  accountName: 'prod',
  accountId: '210987654321',
  stackName: STACK,
  templateBody: 'Resources: {}',
  parameters: [{ key: 'AssumingAccountID', value: '123456789012' }],
};

const input = (over: Partial<ReviewInput> = {}): ReviewInput => ({
  stack: desired,
  template,
  partition: 'aws',
  keepChangeSet: false,
  changeSetName: 'rolemodel-plan',
  maxWaitSeconds: 5,
  pollDelayMs: 1,
  maxPollDelayMs: 5,
  ...over,
});

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });
const missing = (): Error => awsError('ValidationError', `Stack with id ${STACK} does not exist`);

const cf = mockClient(CloudFormationClient);
const client = new CloudFormationClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});

/** The stack's status as DescribeStacks reports it; undefined = no stack. */
let status: string | undefined;

const stackOf = (s: string) => ({
  StackName: STACK,
  StackId: STACK_ID,
  StackStatus: s,
  CreationTime: new Date(),
});

const fakeStacks = (): void => {
  cf.on(DescribeStacksCommand).callsFake(async () => {
    if (status === undefined) throw missing();
    return { Stacks: [stackOf(status)] };
  });
  cf.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: [
      {
        LogicalResourceId: 'AdminRole',
        PhysicalResourceId: 'RoleModel-AdminRole-ABC',
        ResourceType: 'AWS::IAM::Role',
        ResourceStatus: 'CREATE_COMPLETE',
        LastUpdatedTimestamp: new Date(),
      },
    ],
  });
  // CloudFormation makes a REVIEW_IN_PROGRESS stack to hold a CREATE change set.
  cf.on(CreateChangeSetCommand).callsFake(async (i: CreateChangeSetCommandInput) => {
    if (i.ChangeSetType === 'CREATE' && status === undefined) status = 'REVIEW_IN_PROGRESS';
    return { Id: CS_ID, StackId: STACK_ID };
  });
  cf.on(DeleteChangeSetCommand).resolves({});
  cf.on(DeleteStackCommand).callsFake(async () => {
    status = undefined;
    return {};
  });
};

const roleChange = (action: string, replacement?: string): Change => ({
  Type: 'Resource',
  ResourceChange: {
    Action: action === 'Add' ? 'Add' : 'Modify',
    LogicalResourceId: 'AdminRole',
    PhysicalResourceId: action === 'Add' ? undefined : 'RoleModel-AdminRole-ABC',
    ResourceType: 'AWS::IAM::Role',
    ...(replacement === undefined ? {} : { Replacement: replacement === 'True' ? 'True' : 'False' }),
    Scope: action === 'Add' ? [] : ['Properties'],
    Details:
      action === 'Add'
        ? []
        : [
            { Target: { Attribute: 'Properties', Name: 'MaxSessionDuration', RequiresRecreation: 'Never' } },
            { Target: { Attribute: 'Properties', Name: 'MaxSessionDuration', RequiresRecreation: 'Never' } },
            { Target: { Attribute: 'Tags', RequiresRecreation: 'Never' } },
          ],
  },
});

const changeSet = (over: Partial<DescribeChangeSetCommandOutput>): DescribeChangeSetCommandOutput => ({
  $metadata: {},
  ChangeSetId: CS_ID,
  ChangeSetName: 'rolemodel-plan',
  StackName: STACK,
  Status: 'CREATE_COMPLETE',
  Changes: [],
  ...over,
});

const stackEvent = (logicalId: string, resourceStatus: string, reason?: string): StackEvent => ({
  StackId: STACK_ID,
  EventId: `${logicalId}-${resourceStatus}`,
  StackName: STACK,
  LogicalResourceId: logicalId,
  ResourceType: logicalId === STACK ? 'AWS::CloudFormation::Stack' : 'AWS::IAM::Role',
  ResourceStatus: resourceStatus as ResourceStatus,
  ResourceStatusReason: reason,
  Timestamp: new Date(),
});

beforeEach(() => {
  cf.reset();
  cf.on(ListChangeSetsCommand).resolves({ Summaries: [] });
  // A deployed stack holds an older template: a change set decides (deployed-match is tested apart).
  cf.on(GetTemplateCommand).resolves({ TemplateBody: 'Resources: {} # deployed before' });
  status = undefined;
  fakeStacks();
});

describe('reviewStack with a change set', () => {
  test('no stack: a CREATE change set, then the set and the review stack are deleted', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Changes: [roleChange('Add')] }));
    const { observed, changeSet: kept } = await reviewStack(client, input());

    expect(observed).toEqual({
      accountName: 'prod',
      accountId: '210987654321',
      stackStatus: undefined,
      roles: [],
      review: {
        kind: 'create',
        changes: [
          {
            action: 'Add',
            logicalId: 'AdminRole',
            physicalId: undefined,
            resourceType: 'AWS::IAM::Role',
            replacement: undefined,
            scope: [],
            properties: [],
          },
        ],
      },
    });
    expect(kept).toBeUndefined();
    const created = cf.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(created).toMatchObject({
      StackName: STACK,
      ChangeSetName: 'rolemodel-plan',
      ChangeSetType: 'CREATE',
      TemplateBody: 'Resources: {}',
      Parameters: [{ ParameterKey: 'AssumingAccountID', ParameterValue: '123456789012' }],
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
    });
    expect(created?.Description).toMatch(/RoleModel/);
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({ StackName: STACK_ID });
    expect(status).toBeUndefined();
  });

  test('a leftover REVIEW_IN_PROGRESS stack is reviewed with a CREATE change set', async () => {
    status = 'REVIEW_IN_PROGRESS';
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Changes: [roleChange('Add')] }));
    const { observed } = await reviewStack(client, input());

    expect(observed.review.kind).toBe('create');
    expect(observed.stackStatus).toBe('REVIEW_IN_PROGRESS');
    expect(cf.commandCalls(ListStackResourcesCommand)).toHaveLength(0);
    expect(cf.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('CREATE');
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });

  test('an existing stack: an UPDATE change set with properties, roles read, no stack deleted', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Changes: [roleChange('Modify', 'False')] }));
    const { observed } = await reviewStack(client, input());

    expect(observed.stackStatus).toBe('UPDATE_COMPLETE');
    expect(observed.roles).toEqual([
      {
        logicalId: 'AdminRole',
        physicalName: 'RoleModel-AdminRole-ABC',
        arn: 'arn:aws:iam::210987654321:role/admins/RoleModel-AdminRole-ABC',
      },
    ]);
    expect(observed.review).toEqual({
      kind: 'update',
      changes: [
        {
          action: 'Modify',
          logicalId: 'AdminRole',
          physicalId: 'RoleModel-AdminRole-ABC',
          resourceType: 'AWS::IAM::Role',
          replacement: 'False',
          scope: ['Properties'],
          properties: ['MaxSessionDuration'],
        },
      ],
    });
    expect(cf.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('UPDATE');
    expect(cf.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK,
    });
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('reads every page of DescribeChangeSet', async () => {
    status = 'CREATE_COMPLETE';
    cf.on(DescribeChangeSetCommand).callsFake(async (i: DescribeChangeSetCommandInput) =>
      i.NextToken === 'page-2'
        ? changeSet({ Changes: [roleChange('Modify', 'True')] })
        : changeSet({ Changes: [roleChange('Add')], NextToken: 'page-2' }),
    );
    const { observed } = await reviewStack(client, input());

    expect(observed.review.kind).toBe('update');
    const changes = 'changes' in observed.review ? observed.review.changes : [];
    expect(changes.map((c) => [c.action, c.replacement])).toEqual([
      ['Add', undefined],
      ['Modify', 'True'],
    ]);
    const tokens = cf.commandCalls(DescribeChangeSetCommand).map((c) => c.args[0].input.NextToken);
    expect(tokens).toContain('page-2');
  });

  test('keepChangeSet keeps a change set with changes and returns it', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Changes: [roleChange('Add')] }));
    const { observed, changeSet: kept } = await reviewStack(client, input({ keepChangeSet: true }));

    expect(observed.review.kind).toBe('create');
    expect(kept).toEqual({ id: CS_ID, name: 'rolemodel-plan', type: 'CREATE', stackName: STACK });
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });
});

describe('no change', () => {
  beforeEach(() => {
    status = 'UPDATE_COMPLETE';
  });

  test.each([
    "The submitted information didn't contain changes. Submit different information to create a change set.",
    'No updates are to be performed.',
  ])('a FAILED change set saying %j', async (reason) => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Status: 'FAILED', StatusReason: reason }));
    const { observed, changeSet: kept } = await reviewStack(client, input({ keepChangeSet: true }));

    expect(observed.review).toEqual({ kind: 'no-change' });
    expect(kept).toBeUndefined();
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('CreateChangeSet refusing with "No updates are to be performed"', async () => {
    cf.on(CreateChangeSetCommand).rejects(awsError('ValidationError', 'No updates are to be performed.'));
    const { observed } = await reviewStack(client, input());

    expect(observed.review).toEqual({ kind: 'no-change' });
    expect(cf.commandCalls(DescribeChangeSetCommand)).toHaveLength(0);
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
  });

  test('the waiter failing with "No updates are to be performed"', async () => {
    cf.on(DescribeChangeSetCommand).rejects(awsError('ValidationError', 'No updates are to be performed.'));
    const { observed } = await reviewStack(client, input());

    expect(observed.review).toEqual({ kind: 'no-change' });
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
  });
});

describe('errors are values', () => {
  test('a FAILED change set for another reason is an error with its StatusReason', async () => {
    status = 'UPDATE_COMPLETE';
    const reason = 'Template format error: Unresolved resource dependencies [Missing] in the Resources block';
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Status: 'FAILED', StatusReason: reason }));
    const { observed, changeSet: kept } = await reviewStack(client, input({ keepChangeSet: true }));

    expect(observed.review).toEqual({ kind: 'error', reason });
    expect(kept).toBeUndefined();
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
  });

  test('AccessDenied is reported by name, not thrown', async () => {
    cf.on(DescribeStacksCommand).rejects(
      awsError('AccessDenied', 'User is not authorized to DescribeStacks'),
    );
    const { observed } = await reviewStack(client, input());

    expect(observed.review).toEqual({
      kind: 'error',
      reason: 'AccessDenied: User is not authorized to DescribeStacks',
    });
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  test('cleanup of the change set and the review stack even when DescribeChangeSet throws', async () => {
    cf.on(DescribeChangeSetCommand).rejects(awsError('AccessDenied', 'not allowed to DescribeChangeSet'));
    const { observed } = await reviewStack(client, input({ maxWaitSeconds: 0.05 }));

    expect(observed.review).toEqual({
      kind: 'error',
      reason: 'AccessDenied: not allowed to DescribeChangeSet',
    });
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({ StackName: STACK_ID });
    expect(status).toBeUndefined();
  });

  test('a change set still computing after the bound is a timeout error, cleaned up', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Status: 'CREATE_IN_PROGRESS' }));
    const { observed } = await reviewStack(client, input({ maxWaitSeconds: 0.05 }));

    expect(observed.review.kind).toBe('error');
    expect('reason' in observed.review && observed.review.reason).toMatch(
      /^Timed out after 0.05 s waiting for change set rolemodel-plan of stack RoleModel \(status CREATE_IN_PROGRESS\)/,
    );
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });

  test('never deletes a stack that is not REVIEW_IN_PROGRESS, even after a CREATE change set', async () => {
    // Someone else created the stack for real while the review ran.
    cf.on(DescribeChangeSetCommand).callsFake(async () => {
      status = 'CREATE_COMPLETE';
      return changeSet({ Changes: [roleChange('Add')] });
    });
    const { observed } = await reviewStack(client, input());

    expect(observed.review.kind).toBe('create');
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('a cleanup that fails is reported through warn, the review stands', async () => {
    cf.on(DescribeChangeSetCommand).resolves(changeSet({ Changes: [roleChange('Add')] }));
    cf.on(DeleteChangeSetCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    const warnings: string[] = [];
    const { observed } = await reviewStack(client, input({ warn: (m) => warnings.push(m) }));

    expect(observed.review.kind).toBe('create');
    expect(warnings).toEqual([expect.stringContaining('Throttling: Rate exceeded')]);
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });
});

describe('stack states that decide without a change set', () => {
  test('ROLLBACK_COMPLETE: recreate, with every template resource added and the failing event quoted', async () => {
    status = 'ROLLBACK_COMPLETE';
    cf.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        stackEvent(STACK, 'ROLLBACK_COMPLETE'),
        stackEvent('AdminRole', 'DELETE_COMPLETE'),
        stackEvent(STACK, 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [AdminRole].'),
        stackEvent('AdminPolicy', 'CREATE_FAILED', 'Resource creation cancelled'),
        stackEvent('AdminRole', 'CREATE_FAILED', 'Role name already exists'),
        stackEvent('AdminRole', 'CREATE_IN_PROGRESS'),
        stackEvent(STACK, 'CREATE_IN_PROGRESS', 'User Initiated'),
        stackEvent(STACK, 'REVIEW_IN_PROGRESS', 'User Initiated'),
      ],
    });
    const { observed } = await reviewStack(client, input({ keepChangeSet: true }));

    expect(observed.review).toEqual({
      kind: 'recreate',
      reason:
        'The stack is in ROLLBACK_COMPLETE after a failed create: AdminRole CREATE_FAILED: Role name already exists. Apply deletes it and creates it again.',
      changes: [
        expect.objectContaining({ action: 'Add', logicalId: 'AdminRole', resourceType: 'AWS::IAM::Role' }),
        expect.objectContaining({
          action: 'Add',
          logicalId: 'AdminPolicy',
          resourceType: 'AWS::IAM::Policy',
        }),
      ],
    });
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('a stack mid-operation is waited for, then reviewed', async () => {
    status = 'UPDATE_IN_PROGRESS';
    let polls = 0;
    cf.on(DescribeStacksCommand).callsFake(async () => {
      polls += 1;
      if (polls >= 3 && status === 'UPDATE_IN_PROGRESS') status = 'UPDATE_COMPLETE';
      return { Stacks: [stackOf(status ?? 'UPDATE_COMPLETE')] };
    });
    cf.on(DescribeChangeSetCommand).resolves(
      changeSet({ Status: 'FAILED', StatusReason: "The submitted information didn't contain changes." }),
    );
    const { observed } = await reviewStack(client, input());

    expect(observed.stackStatus).toBe('UPDATE_COMPLETE');
    expect(observed.review).toEqual({ kind: 'no-change' });
    expect(polls).toBeGreaterThanOrEqual(3);
  });

  test('a stack still busy after the bound is blocked', async () => {
    status = 'UPDATE_IN_PROGRESS';
    const { observed } = await reviewStack(client, input({ maxWaitSeconds: 0.2, pollDelayMs: 5 }));

    expect(observed.review).toEqual({
      kind: 'blocked',
      reason: 'Stack RoleModel is still UPDATE_IN_PROGRESS after 0.2 s; run the plan again when it finishes.',
    });
    // It waited (read the stack again) before giving up; how often depends on the machine.
    expect(cf.commandCalls(DescribeStacksCommand).length).toBeGreaterThanOrEqual(2);
    expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  test.each(['UPDATE_ROLLBACK_FAILED', 'DELETE_FAILED', 'ROLLBACK_FAILED', 'IMPORT_ROLLBACK_FAILED'])(
    '%s is blocked with the status and the first failure',
    async (failed) => {
      status = failed;
      cf.on(DescribeStackEventsCommand).resolves({
        StackEvents: [
          stackEvent(STACK, failed),
          stackEvent('AdminRole', 'UPDATE_FAILED', 'Rollback could not restore the role'),
          stackEvent('AdminRole', 'UPDATE_FAILED', 'MaxSessionDuration out of range'),
          stackEvent(STACK, 'UPDATE_IN_PROGRESS', 'User Initiated'),
          stackEvent('AdminRole', 'CREATE_FAILED', 'an older operation'),
        ],
      });
      const { observed } = await reviewStack(client, input());

      expect(observed.review).toEqual({
        kind: 'blocked',
        reason: expect.stringMatching(
          new RegExp(
            `^Stack RoleModel is in ${failed}: AdminRole UPDATE_FAILED: MaxSessionDuration out of range\\.`,
          ),
        ),
      });
      expect(cf.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
    },
  );
});

test('a review stack that holds another run’s change set is left alone', async () => {
  cf.reset();
  cf.on(ListChangeSetsCommand).resolves({
    Summaries: [{ ChangeSetName: 'rolemodel-apply-2', Status: 'CREATE_COMPLETE' }],
  });
  cf.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'RoleModel',
        StackId: STACK_ID,
        StackStatus: 'REVIEW_IN_PROGRESS',
        CreationTime: new Date(),
      },
    ],
  });
  await discardReview(
    cf as unknown as CloudFormationClient,
    { id: 'cs', name: 'cs', type: 'CREATE', stackName: 'RoleModel' },
    {},
  );
  expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
});
