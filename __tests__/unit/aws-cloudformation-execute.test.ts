// executeStack and deleteStack against a mocked CloudFormation whose stack moves through
// scripted statuses: success, failures quoting the first failing event, timeouts, recreate.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ExecuteChangeSetCommand,
  ListStackResourcesCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import type {
  DescribeStacksCommandInput,
  ResourceStatus,
  StackEvent,
  StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { deleteStack, describeStack, executeStack, listStack } from '../../src/aws/cloudformation/index.ts';
import type { ChangeSetRef, ExecuteInput } from '../../src/aws/cloudformation/index.ts';
import type { DesiredStack, RoleTemplate } from '../../src/core/model.ts';
import type { StackReview } from '../../src/core/observed.ts';

const STACK = 'RoleModel';
const STACK_ID = 'arn:aws:cloudformation:us-east-1:210987654321:stack/RoleModel/1111';
const CS_ID = 'arn:aws:cloudformation:us-east-1:210987654321:changeSet/rolemodel-apply/2222';
const at = { file: 'roles.yml', line: 1, column: 1 };
const timing = { maxWaitSeconds: 5, pollDelayMs: 1, maxPollDelayMs: 5 };

const template: RoleTemplate = {
  file: 'roles.yml',
  body: 'Resources: {}',
  format: 'yaml',
  roles: [{ logicalId: 'AdminRole', roleName: 'Admin', path: '/', position: at }],
  parameters: [],
  document: { Resources: { AdminRole: { Type: 'AWS::IAM::Role' } } },
};

const desired: DesiredStack = {
  accountName: 'prod',
  accountId: '210987654321',
  stackName: STACK,
  templateBody: 'Resources: {}',
  parameters: [],
};

const change = { action: 'Add', logicalId: 'AdminRole', resourceType: 'AWS::IAM::Role' } as const;
const adds: StackReview = {
  kind: 'create',
  changes: [{ ...change, physicalId: undefined, replacement: undefined, scope: [], properties: [] }],
};

const ref = (type: 'CREATE' | 'UPDATE'): ChangeSetRef => ({
  id: CS_ID,
  name: 'rolemodel-apply',
  type,
  stackName: STACK,
});

const input = (review: StackReview, changeSet: ChangeSetRef | undefined, over = {}): ExecuteInput => ({
  stack: desired,
  template,
  partition: 'aws',
  changeSetName: 'rolemodel-apply',
  review,
  changeSet,
  ...timing,
  ...over,
});

const awsError = (name: string, message: string): Error => Object.assign(new Error(message), { name });

const cf = mockClient(CloudFormationClient);
const client = new CloudFormationClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
});

/** The stack's status now (undefined: none) and the statuses the next DescribeStacks calls move through. */
let status: string | undefined;
let upcoming: (string | undefined)[] = [];
let events: StackEvent[] = [];

const script = (...statuses: (string | undefined)[]): void => {
  upcoming = statuses;
};

const isArn = (name: string | undefined): boolean => name?.startsWith('arn:') === true;

const fakeStack = (): void => {
  cf.on(DescribeStacksCommand).callsFake(async (i: DescribeStacksCommandInput) => {
    if (upcoming.length > 0) status = upcoming.shift();
    // As on AWS: a deleted stack is found by id only.
    const gone = status === undefined || (status === 'DELETE_COMPLETE' && !isArn(i.StackName));
    if (gone) throw awsError('ValidationError', `Stack with id ${i.StackName ?? ''} does not exist`);
    return {
      Stacks: [
        {
          StackName: STACK,
          StackId: STACK_ID,
          StackStatus: status,
          CreationTime: new Date(),
          Outputs: [{ OutputKey: 'AdminRoleArn', OutputValue: 'arn:aws:iam::210987654321:role/Admin' }],
        },
      ],
    };
  });
  cf.on(DescribeStackEventsCommand).callsFake(async () => ({ StackEvents: events }));
  cf.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: [
      {
        LogicalResourceId: 'AdminRole',
        PhysicalResourceId: 'Admin',
        ResourceType: 'AWS::IAM::Role',
        ResourceStatus: 'CREATE_COMPLETE',
        LastUpdatedTimestamp: new Date(),
      },
      {
        LogicalResourceId: 'OldRole',
        PhysicalResourceId: 'RoleModel-OldRole-X',
        ResourceType: 'AWS::IAM::Role',
        ResourceStatus: 'DELETE_COMPLETE',
        LastUpdatedTimestamp: new Date(),
      },
    ],
  });
};

const stackEvent = (logicalId: string, resourceStatus: string, reason?: string, ageMs = 0): StackEvent => ({
  StackId: STACK_ID,
  EventId: `${logicalId}-${resourceStatus}-${ageMs}`,
  StackName: STACK,
  LogicalResourceId: logicalId,
  ResourceType: logicalId === STACK ? 'AWS::CloudFormation::Stack' : 'AWS::IAM::Role',
  ResourceStatus: resourceStatus as ResourceStatus,
  ResourceStatusReason: reason,
  Timestamp: new Date(Date.now() + 1000 - ageMs),
});

const ADMIN = { logicalId: 'AdminRole', physicalName: 'Admin', arn: 'arn:aws:iam::210987654321:role/Admin' };

beforeEach(() => {
  cf.reset();
  cf.on(ListChangeSetsCommand).resolves({ Summaries: [] });
  // A deployed stack holds an older template: a change set decides (deployed-match is tested apart).
  cf.on(GetTemplateCommand).resolves({ TemplateBody: 'Resources: {} # deployed before' });
  status = undefined;
  upcoming = [];
  events = [];
  fakeStack();
});

describe('executeStack', () => {
  test('executes an UPDATE change set, waits, and returns the status and roles', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(ExecuteChangeSetCommand).callsFake(async () => {
      script('UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE');
      return {};
    });
    const result = await executeStack(client, input({ kind: 'update', changes: [] }, ref('UPDATE')));

    expect(result).toEqual({ ok: true, status: 'UPDATE_COMPLETE', roles: [ADMIN] });
    expect(cf.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({
      ChangeSetName: CS_ID,
      StackName: STACK,
    });
  });

  test('a failed create quotes the first failing event of this operation', async () => {
    status = 'REVIEW_IN_PROGRESS';
    cf.on(ExecuteChangeSetCommand).callsFake(async () => {
      script('CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE');
      events = [
        stackEvent(STACK, 'ROLLBACK_COMPLETE'),
        stackEvent(STACK, 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [AdminRole].'),
        stackEvent('ReadOnlyRole', 'CREATE_FAILED', 'Resource creation cancelled'),
        stackEvent('AdminRole', 'CREATE_FAILED', 'Role name already exists'),
        stackEvent('AdminRole', 'CREATE_IN_PROGRESS'),
        stackEvent(STACK, 'CREATE_IN_PROGRESS', 'User Initiated'),
        stackEvent(STACK, 'REVIEW_IN_PROGRESS', 'User Initiated'),
      ];
      return {};
    });
    const result = await executeStack(client, input(adds, ref('CREATE')));

    expect(result).toEqual({
      ok: false,
      reason: 'AdminRole CREATE_FAILED: Role name already exists (stack RoleModel is now ROLLBACK_COMPLETE)',
    });
  });

  test('a rolled-back update ignores failures of earlier operations', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(ExecuteChangeSetCommand).callsFake(async () => {
      script('UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE');
      events = [
        stackEvent(STACK, 'UPDATE_ROLLBACK_COMPLETE'),
        stackEvent('AdminRole', 'UPDATE_FAILED', 'MaxSessionDuration must be at most 43200'),
        stackEvent(STACK, 'UPDATE_IN_PROGRESS', 'User Initiated'),
        stackEvent('AdminRole', 'CREATE_FAILED', 'from last week', 7 * 86_400_000),
      ];
      return {};
    });
    const result = await executeStack(client, input({ kind: 'update', changes: [] }, ref('UPDATE')));

    expect(!result.ok && result.reason).toBe(
      'AdminRole UPDATE_FAILED: MaxSessionDuration must be at most 43200 (stack RoleModel is now UPDATE_ROLLBACK_COMPLETE)',
    );
  });

  test('a stack still updating after the bound is a timeout', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(ExecuteChangeSetCommand).callsFake(async () => {
      status = 'UPDATE_IN_PROGRESS';
      return {};
    });
    const result = await executeStack(
      client,
      input({ kind: 'update', changes: [] }, ref('UPDATE'), { maxWaitSeconds: 0.05 }),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'Timed out after 0.05 s waiting for stack RoleModel (status UPDATE_IN_PROGRESS)',
    });
  });

  test('ExecuteChangeSet refused is a value, not a throw', async () => {
    cf.on(ExecuteChangeSetCommand).rejects(
      awsError('InvalidChangeSetStatus', 'ChangeSet is in FAILED state'),
    );
    const result = await executeStack(client, input({ kind: 'update', changes: [] }, ref('UPDATE')));

    expect(result).toEqual({ ok: false, reason: 'InvalidChangeSetStatus: ChangeSet is in FAILED state' });
  });

  test('recreate: deletes the ROLLBACK_COMPLETE stack, then creates it through a CREATE change set', async () => {
    status = 'ROLLBACK_COMPLETE';
    cf.on(DeleteStackCommand).callsFake(async () => {
      script('DELETE_IN_PROGRESS', 'DELETE_COMPLETE');
      return {};
    });
    cf.on(CreateChangeSetCommand).callsFake(async () => {
      status = 'REVIEW_IN_PROGRESS';
      return { Id: CS_ID, StackId: STACK_ID };
    });
    cf.on(DescribeChangeSetCommand).resolves({
      Status: 'CREATE_COMPLETE',
      Changes: [{ Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'AdminRole' } }],
    });
    cf.on(ExecuteChangeSetCommand).callsFake(async () => {
      script('CREATE_IN_PROGRESS', 'CREATE_COMPLETE');
      return {};
    });
    const review: StackReview = { kind: 'recreate', reason: 'failed create', changes: adds.changes };
    const result = await executeStack(client, input(review, undefined));

    expect(result).toEqual({ ok: true, status: 'CREATE_COMPLETE', roles: [ADMIN] });
    expect(cf.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({ StackName: STACK_ID });
    expect(cf.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe('CREATE');
    expect(cf.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
    const order = cf.calls().map((c) => (c.args[0] as object).constructor.name);
    expect(order.indexOf('DeleteStackCommand')).toBeLessThan(order.indexOf('CreateChangeSetCommand'));
    expect(order.indexOf('CreateChangeSetCommand')).toBeLessThan(order.indexOf('ExecuteChangeSetCommand'));
  });

  test('recreate never deletes a stack that has become healthy since the plan', async () => {
    status = 'UPDATE_COMPLETE';
    const review: StackReview = { kind: 'recreate', reason: 'failed create', changes: [] };
    const result = await executeStack(client, input(review, undefined));

    expect(result).toEqual({
      ok: false,
      reason: 'Stack RoleModel is now UPDATE_COMPLETE, no longer ROLLBACK_COMPLETE; run the plan again.',
    });
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('blocked and error reviews are not executed', async () => {
    const blocked = await executeStack(client, input({ kind: 'blocked', reason: 'busy' }, undefined));
    const failed = await executeStack(
      client,
      input({ kind: 'error', reason: 'AccessDenied: no' }, undefined),
    );

    expect(blocked).toEqual({ ok: false, reason: 'busy' });
    expect(failed).toEqual({ ok: false, reason: 'AccessDenied: no' });
    expect(cf.calls()).toHaveLength(0);
  });

  test('no-change returns the stack as it is', async () => {
    status = 'UPDATE_COMPLETE';
    const result = await executeStack(client, input({ kind: 'no-change' }, undefined));

    expect(result).toEqual({ ok: true, status: 'UPDATE_COMPLETE', roles: [ADMIN] });
    expect(cf.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });
});

describe('deleteStack', () => {
  test('an absent stack is a success that did not exist', async () => {
    expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: false });
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('deletes by stack id and waits until it is gone', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(DeleteStackCommand).callsFake(async () => {
      script('DELETE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE');
      return {};
    });

    expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: true });
    expect(cf.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({ StackName: STACK_ID });
  });

  test('DELETE_FAILED reports the failing event', async () => {
    status = 'UPDATE_COMPLETE';
    cf.on(DeleteStackCommand).callsFake(async () => {
      script('DELETE_IN_PROGRESS', 'DELETE_FAILED');
      events = [
        stackEvent(STACK, 'DELETE_FAILED', 'The following resource(s) failed to delete: [AdminRole].'),
        stackEvent('AdminRole', 'DELETE_FAILED', 'Cannot delete entity, must detach all policies first.'),
        stackEvent(STACK, 'DELETE_IN_PROGRESS', 'User Initiated'),
      ];
      return {};
    });

    expect(await deleteStack(client, STACK, timing)).toEqual({
      ok: false,
      reason:
        'AdminRole DELETE_FAILED: Cannot delete entity, must detach all policies first. (stack RoleModel is now DELETE_FAILED)',
    });
  });

  test('a deletion already under way is waited for, not started again', async () => {
    status = 'DELETE_IN_PROGRESS';
    script('DELETE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE');

    expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: true });
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  test('a stack mid-update is waited for before the delete', async () => {
    script('UPDATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE');
    cf.on(DeleteStackCommand).callsFake(async () => {
      script('DELETE_COMPLETE');
      return {};
    });

    expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: true });
    expect(cf.commandCalls(DeleteStackCommand)).toHaveLength(1);
  });
});

describe('reading a stack', () => {
  test('describeStack gives status, id, outputs and parameters; undefined when absent', async () => {
    expect(await describeStack(client, STACK)).toBeUndefined();
    status = 'CREATE_COMPLETE';
    expect(await describeStack(client, STACK)).toEqual({
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      stackId: STACK_ID,
      outputs: { AdminRoleArn: 'arn:aws:iam::210987654321:role/Admin' },
      parameters: [],
    });
  });

  test('describeStack throws other AWS errors', async () => {
    cf.on(DescribeStacksCommand).rejects(awsError('AccessDenied', 'no'));
    await expect(describeStack(client, STACK)).rejects.toThrow('no');
  });

  test('listStack: live roles only, with ARNs in the partition', async () => {
    expect(await listStack(client, STACK, '210987654321', 'aws-cn', template.roles)).toBeUndefined();
    status = 'UPDATE_COMPLETE';
    expect(await listStack(client, STACK, '210987654321', 'aws-cn', template.roles)).toEqual({
      status: 'UPDATE_COMPLETE',
      roles: [{ ...ADMIN, arn: 'arn:aws-cn:iam::210987654321:role/Admin' }],
    });
  });

  test('readRoles reads every page of ListStackResources', async () => {
    status = 'UPDATE_COMPLETE';
    const role = (id: string): StackResourceSummary => ({
      LogicalResourceId: id,
      PhysicalResourceId: `RoleModel-${id}`,
      ResourceType: 'AWS::IAM::Role',
      ResourceStatus: 'CREATE_COMPLETE',
      LastUpdatedTimestamp: new Date(),
    });
    cf.on(ListStackResourcesCommand)
      .resolvesOnce({ StackResourceSummaries: [role('AdminRole')], NextToken: 'next' })
      .resolvesOnce({ StackResourceSummaries: [role('ReadOnlyRole')] });
    const listed = await listStack(client, STACK, '210987654321', 'aws', template.roles);

    expect(listed?.roles.map((r) => r.arn)).toEqual([
      'arn:aws:iam::210987654321:role/RoleModel-AdminRole',
      'arn:aws:iam::210987654321:role/RoleModel-ReadOnlyRole',
    ]);
    expect(cf.commandCalls(ListStackResourcesCommand)[1]?.args[0].input.NextToken).toBe('next');
  });
});
