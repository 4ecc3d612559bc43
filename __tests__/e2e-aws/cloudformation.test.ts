// The CloudFormation adapter against the local AWS emulator with a real SDK client:
// plan (review and clean up), apply (execute), no change, update, failure and recreate, delete.
import { CloudFormationClient, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { deleteStack, executeStack, reviewStack } from '../../src/aws/cloudformation/index.ts';
import type { ExecuteResult, ReviewInput, ReviewResult } from '../../src/aws/cloudformation/index.ts';
import type { DesiredStack, RoleTemplate } from '../../src/core/model.ts';
import { startAwsEmulator } from '../support/aws-emulator/index.ts';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';

const STACK = 'RoleModel';
const at = { file: 'roles.json', line: 1, column: 1 };

const role = (maxSessionDuration: number) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    Path: '/',
    MaxSessionDuration: maxSessionDuration,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::${AssumingAccountID}:root' } },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    Policies: [
      {
        PolicyName: 'ReadOnly',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }],
        },
      },
    ],
  },
});

const templateOf = (adminSession: number): RoleTemplate => {
  const document = {
    AWSTemplateFormatVersion: '2010-09-09',
    Parameters: { AssumingAccountID: { Type: 'String' } },
    Resources: { AdminRole: role(adminSession), ReadOnlyRole: role(3600) },
  };
  return {
    file: 'roles.json',
    body: JSON.stringify(document, null, 2),
    format: 'json',
    roles: [
      { logicalId: 'AdminRole', roleName: undefined, path: '/', position: at },
      { logicalId: 'ReadOnlyRole', roleName: undefined, path: '/', position: at },
    ],
    parameters: [{ name: 'AssumingAccountID', hasDefault: false, position: at }],
    document,
  };
};

let emu: AwsEmulator;
let client: CloudFormationClient;

const stackOf = (template: RoleTemplate): DesiredStack => ({
  accountName: 'master',
  accountId: emu.masterAccountId,
  stackName: STACK,
  templateBody: template.body,
  parameters: [{ key: 'AssumingAccountID', value: '123456789012' }],
});

const timing = { maxWaitSeconds: 10, pollDelayMs: 10, maxPollDelayMs: 50 };

const reviewInput = (template: RoleTemplate, keepChangeSet: boolean, over = {}): ReviewInput => ({
  stack: stackOf(template),
  template,
  partition: 'aws',
  keepChangeSet,
  changeSetName: keepChangeSet ? `rolemodel-apply-${Date.now()}` : `rolemodel-plan-${Date.now()}`,
  ...timing,
  ...over,
});

const plan = (template: RoleTemplate, over = {}): Promise<ReviewResult> =>
  reviewStack(client, reviewInput(template, false, over));

/** Apply as the action does: review keeping the change set, then execute what was reviewed. */
const apply = async (template: RoleTemplate): Promise<{ review: ReviewResult; result: ExecuteResult }> => {
  const input = reviewInput(template, true);
  const review = await reviewStack(client, input);
  const result = await executeStack(client, {
    ...input,
    review: review.observed.review,
    changeSet: review.changeSet,
  });
  return { review, result };
};

const kinds = (review: ReviewResult): string[] =>
  'changes' in review.observed.review
    ? review.observed.review.changes.map((c) => `${c.action} ${c.logicalId}`).sort()
    : [];

beforeAll(async () => {
  emu = await startAwsEmulator({ stackOperationDelayMs: 5, changeSetDelayMs: 5 });
  client = new CloudFormationClient({
    endpoint: emu.url,
    region: 'us-east-1',
    credentials: emu.masterCredentials,
    maxAttempts: 2,
  });
});

afterAll(async () => {
  client.destroy();
  await emu.close();
});

beforeEach(() => emu.reset());

afterEach(() => {
  expect(emu.internalErrors()).toEqual([]);
});

test('plan of a new stack shows a create and leaves no REVIEW_IN_PROGRESS stack behind', async () => {
  emu.setPageSize('DescribeChangeSet', 1);
  const review = await plan(templateOf(3600));

  expect(review.observed.review.kind).toBe('create');
  expect(kinds(review)).toEqual(['Add AdminRole', 'Add ReadOnlyRole']);
  expect(review.changeSet).toBeUndefined();
  await emu.idle();
  expect(emu.stack(STACK)).toBeUndefined();
  // The only change a plan makes is removing the review stack its CREATE change set made.
  const log = emu.requestLog();
  expect(log.filter((e) => e.mutating).map((e) => e.operation)).toEqual(['DeleteStack']);
  expect(log.filter((e) => e.operation === 'DescribeChangeSet').length).toBeGreaterThanOrEqual(3);
});

test('apply creates the stack; the next plan shows no change and leaves no change set', async () => {
  const { result } = await apply(templateOf(3600));

  expect(result.ok).toBe(true);
  expect(result.ok && result.status).toBe('CREATE_COMPLETE');
  const roles = result.ok ? result.roles : [];
  expect(roles.map((r) => r.logicalId).sort()).toEqual(['AdminRole', 'ReadOnlyRole']);
  const iamRoles = emu.iamState().roles.map((r) => r.arn);
  for (const r of roles) expect(iamRoles).toContain(r.arn);

  emu.clearRequestLog();
  const again = await plan(templateOf(3600));
  // The deployed template and parameters are the desired ones: no change set was needed.
  expect(again.observed.review).toEqual({ kind: 'no-change', comparedWithDeployed: true });
  expect(emu.requestLog().filter((e) => e.operation === 'CreateChangeSet')).toEqual([]);
  expect(again.observed.stackStatus).toBe('CREATE_COMPLETE');
  expect(emu.requestLog().filter((e) => e.mutating)).toEqual([]);
  await emu.idle();
  expect(emu.stack(STACK)?.changeSets.filter((c) => c.name.startsWith('rolemodel-plan'))).toEqual([]);

  // Apply of an unchanged template converges: nothing to execute.
  const second = await apply(templateOf(3600));
  expect(second.review.observed.review.kind).toBe('no-change');
  expect(second.result.ok).toBe(true);
});

test('a modified role is an update that names the property, and apply makes it so', async () => {
  expect((await apply(templateOf(3600))).result.ok).toBe(true);

  const review = await plan(templateOf(7200));
  expect(review.observed.review.kind).toBe('update');
  const changes = 'changes' in review.observed.review ? review.observed.review.changes : [];
  expect(changes).toEqual([
    expect.objectContaining({
      action: 'Modify',
      logicalId: 'AdminRole',
      resourceType: 'AWS::IAM::Role',
      properties: ['MaxSessionDuration'],
    }),
  ]);
  expect(emu.stack(STACK)?.status).toBe('CREATE_COMPLETE');

  const { result } = await apply(templateOf(7200));
  expect(result.ok && result.status).toBe('UPDATE_COMPLETE');
  const admin = result.ok ? result.roles.find((r) => r.logicalId === 'AdminRole') : undefined;
  const iam = emu.iamState().roles.find((r) => r.arn === admin?.arn);
  expect(iam?.maxSessionDuration).toBe(7200);
});

test('a stack busy with another operation is waited for, or blocked after the bound', async () => {
  expect((await apply(templateOf(3600))).result.ok).toBe(true);
  const kept = await reviewStack(client, reviewInput(templateOf(7200), true));
  expect(kept.changeSet).toBeDefined();
  emu.setStackOperationDelay(150);
  await client.send(new ExecuteChangeSetCommand({ ChangeSetName: kept.changeSet?.id, StackName: STACK }));

  const blocked = await plan(templateOf(7200), { maxWaitSeconds: 0.05 });
  expect(blocked.observed.review).toEqual({
    kind: 'blocked',
    reason: expect.stringMatching(/^Stack RoleModel is still UPDATE_\w*IN_PROGRESS after 0.05 s/),
  });

  const waited = await plan(templateOf(7200));
  expect(waited.observed.stackStatus).toBe('UPDATE_COMPLETE');
  expect(waited.observed.review).toEqual({ kind: 'no-change', comparedWithDeployed: true });
});

test('a failed create ends in ROLLBACK_COMPLETE quoting the event; the plan shows a recreate; apply recreates', async () => {
  emu.failResource({
    logicalId: 'AdminRole',
    reason: 'Role name already exists',
    operation: 'create',
    times: 1,
  });

  emu.setPageSize('DescribeStackEvents', 2);
  const failed = await apply(templateOf(3600));
  expect(failed.result).toEqual({
    ok: false,
    reason: expect.stringMatching(/^AdminRole CREATE_FAILED: Role name already exists/),
  });
  expect(emu.stack(STACK)?.status).toBe('ROLLBACK_COMPLETE');

  const review = await plan(templateOf(3600));
  expect(review.observed.review).toEqual({
    kind: 'recreate',
    reason:
      'The stack is in ROLLBACK_COMPLETE after a failed create: AdminRole CREATE_FAILED: Role name already exists. Apply deletes it and creates it again.',
    changes: [
      expect.objectContaining({ action: 'Add', logicalId: 'AdminRole' }),
      expect.objectContaining({ action: 'Add', logicalId: 'ReadOnlyRole' }),
    ],
  });
  expect(emu.stack(STACK)?.status).toBe('ROLLBACK_COMPLETE');

  const { result } = await apply(templateOf(3600));
  expect(result.ok && result.status).toBe('CREATE_COMPLETE');
});

test('delete removes the stack and its roles, and is re-runnable', async () => {
  expect((await apply(templateOf(3600))).result.ok).toBe(true);
  expect(emu.iamState().roles.length).toBeGreaterThanOrEqual(2);

  expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: true });
  expect(emu.stack(STACK)).toBeUndefined();
  expect(emu.iamState().roles.filter((r) => r.name.startsWith(`${STACK}-`))).toEqual([]);
  expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: false });
});

test('a failed delete quotes the failing event', async () => {
  expect((await apply(templateOf(3600))).result.ok).toBe(true);
  emu.failResource({
    logicalId: 'ReadOnlyRole',
    reason: 'Cannot delete entity',
    operation: 'delete',
    times: 1,
  });

  const result = await deleteStack(client, STACK, timing);
  expect(result).toEqual({
    ok: false,
    reason: 'ReadOnlyRole DELETE_FAILED: Cannot delete entity (stack RoleModel is now DELETE_FAILED)',
  });
  expect(await deleteStack(client, STACK, timing)).toEqual({ ok: true, existed: true });
});
