// Fault injection and the request log, observed through the real SDK v3 clients and their retries.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateGroupCommand, ListGroupsCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, FAST_WAITER, type Clients } from './helpers.ts';

let emu: AwsEmulator;
let once: Clients;
let retrying: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator({ stackOperationDelayMs: 10, changeSetDelayMs: 10 });
  once = clientsFor(emu, { maxAttempts: 1 });
  retrying = clientsFor(emu, { maxAttempts: 5 });
});
afterAll(async () => {
  destroyClients(once);
  destroyClients(retrying);
  await emu.close();
});
beforeEach(async () => {
  await emu.idle();
  emu.reset();
});

const HANDLE_TEMPLATE = 'Resources:\n  H:\n    Type: AWS::CloudFormation::WaitConditionHandle\n';

describe('throttling', () => {
  test('a throttled request fails with Throttling (400) and changes nothing', async () => {
    emu.setThrottling(1, { operations: ['CreateGroup'] });
    expect(await errorOf(once.iam.send(new CreateGroupCommand({ GroupName: 'g' })))).toEqual({
      name: 'Throttling',
      status: 400,
      message: 'Rate exceeded',
    });
    expect(emu.iamState().groups).toEqual([]);
    expect(emu.requestLog()).toEqual([
      expect.objectContaining({
        operation: 'CreateGroup',
        status: 400,
        errorCode: 'Throttling',
        fault: 'throttle',
        mutating: true,
      }),
    ]);
  });

  test('the SDK retries throttled IAM calls and succeeds with enough attempts', async () => {
    emu.setThrottling(1, { operations: ['CreateGroup'], count: 2 });
    const result = await retrying.iam.send(new CreateGroupCommand({ GroupName: 'retried' }));
    expect(result.$metadata.attempts).toBe(3);
    expect(emu.iamState().groups.map((g) => g.name)).toEqual(['retried']);
    expect(emu.requestLog().map((e) => e.status)).toEqual([400, 400, 200]);
  });

  test('CloudFormation throttling is retried too', async () => {
    emu.setThrottling(1, { services: ['cloudformation'], count: 1 });
    const result = await retrying.cfn.send(new DescribeStacksCommand({}));
    expect(result.$metadata.attempts).toBe(2);
  });
});

describe('server errors', () => {
  test('InternalFailure (500) is retried', async () => {
    emu.setServerErrors(1, { count: 2 });
    const result = await retrying.sts.send(new GetCallerIdentityCommand({}));
    expect(result.$metadata.attempts).toBe(3);
  });

  test('without retries the 500 surfaces; ServiceUnavailable is 503', async () => {
    emu.setServerErrors(1, { operations: ['ListGroups'] });
    expect(await errorOf(once.iam.send(new ListGroupsCommand({})))).toMatchObject({
      name: 'InternalFailure',
      status: 500,
    });
    emu.setServerErrors(1, { operations: ['ListGroups'], code: 'ServiceUnavailable' });
    expect(await errorOf(once.iam.send(new ListGroupsCommand({})))).toMatchObject({
      name: 'ServiceUnavailable',
      status: 503,
    });
  });
});

describe('dropped connections', () => {
  test('a dropped connection is retried by the SDK', async () => {
    emu.setDroppedConnections(1, { operations: ['CreateGroup'], count: 1 });
    const result = await retrying.iam.send(new CreateGroupCommand({ GroupName: 'after-drop' }));
    expect(result.$metadata.attempts).toBe(2);
    expect(emu.requestLog()[0]).toMatchObject({ operation: 'CreateGroup', status: 0, fault: 'drop' });
    expect(emu.iamState().groups.map((g) => g.name)).toEqual(['after-drop']);
  });

  test('without retries the network error surfaces', async () => {
    emu.setDroppedConnections(1);
    const error = await errorOf(once.sts.send(new GetCallerIdentityCommand({})));
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
  });
});

test('latency applies per operation', async () => {
  emu.setLatency('ListGroups', 1_000);
  const started = Date.now();
  await once.iam.send(new ListGroupsCommand({}));
  expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  const quick = Date.now();
  await once.sts.send(new GetCallerIdentityCommand({}));
  expect(Date.now() - quick).toBeLessThan(900);
});

test('seeded fault injection is deterministic', async () => {
  const pattern = async (): Promise<number[]> => {
    emu.reset();
    emu.setSeed(42);
    emu.setThrottling(0.5);
    for (let i = 0; i < 12; i++) await once.sts.send(new GetCallerIdentityCommand({})).catch(() => undefined);
    return emu.requestLog().map((e) => e.status);
  };
  const first = await pattern();
  expect(first).toContain(400);
  expect(first).toContain(200);
  expect(await pattern()).toEqual(first);
});

test('the request log classifies mutating calls and change-set calls', async () => {
  await once.iam.send(new ListGroupsCommand({}));
  await once.iam.send(new CreateGroupCommand({ GroupName: 'logged' }));
  const created = await once.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'log',
      ChangeSetName: 'cs',
      ChangeSetType: 'CREATE',
      TemplateBody: HANDLE_TEMPLATE,
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: once.cfn, ...FAST_WAITER }, { ChangeSetName: created.Id });
  await once.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
  await waitUntilStackCreateComplete({ client: once.cfn, ...FAST_WAITER }, { StackName: 'log' });
  const second = await once.cfn.send(
    new CreateChangeSetCommand({
      StackName: 'log',
      ChangeSetName: 'cs2',
      TemplateBody: HANDLE_TEMPLATE.replace('H:', 'H2:'),
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: once.cfn, ...FAST_WAITER }, { ChangeSetName: second.Id });
  await once.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: second.Id }));

  const log = emu.requestLog();
  const byOperation = (operation: string) => log.find((e) => e.operation === operation);
  expect(byOperation('ListGroups')).toMatchObject({
    service: 'iam',
    mutating: false,
    changeSet: false,
    account: '123456789012',
    accessKeyId: 'AKIDMASTEREXAMPLE',
    status: 200,
  });
  expect(byOperation('CreateGroup')).toMatchObject({ mutating: true, changeSet: false });
  expect(byOperation('CreateChangeSet')).toMatchObject({
    service: 'cloudformation',
    mutating: false,
    changeSet: true,
  });
  expect(byOperation('DeleteChangeSet')).toMatchObject({ mutating: false, changeSet: true });
  expect(byOperation('ExecuteChangeSet')).toMatchObject({ mutating: true, changeSet: false });
  expect(byOperation('DescribeChangeSet')).toMatchObject({ mutating: false, changeSet: false });
  expect(log.every((e) => typeof e.time === 'number' && e.requestId.length === 36)).toBe(true);
  emu.clearRequestLog();
  expect(emu.requestLog()).toEqual([]);
});

test('unknown actions are rejected like AWS does', async () => {
  const response = await fetch(emu.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=DoesNotExist&Version=2010-05-08',
  });
  expect(response.status).toBe(400);
  const body = await response.text();
  expect(body).toContain('<Code>InvalidAction</Code>');
  expect(body).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
  expect(emu.internalErrors()).toEqual([]);
});
