// IAM's edges as the emulator models them, through the real SDK v3 client: managed policies
// attached to groups (and what that does to DeleteGroup), IAM's consistency window after
// CreateGroup, the write rate limit, per-service latency and hand changes at a chosen call.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DetachGroupPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsCommand,
  PutGroupPolicyCommand,
} from '@aws-sdk/client-iam';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, type Clients } from './helpers.ts';

let emu: AwsEmulator;
let c: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator();
  c = clientsFor(emu);
});
afterAll(async () => {
  destroyClients(c);
  await emu.close();
});
beforeEach(() => emu.reset());

const MASTER = '123456789012';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

describe('managed policies attached to a group', () => {
  test('attach, list, GetAccountAuthorizationDetails, detach; DeleteGroup conflicts while one is attached', async () => {
    emu.seed({
      accounts: {
        [MASTER]: { managedPolicies: [{ name: 'Ops', document: POLICY }], groups: [{ name: 'devs' }] },
      },
    });
    const ops = `arn:aws:iam::${MASTER}:policy/Ops`;
    await c.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: ADMIN }));
    await c.iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: ops }));
    const listed = await c.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN },
      { PolicyName: 'Ops', PolicyArn: ops },
    ]);
    const details = await c.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Group'] }));
    expect(details.GroupDetailList?.[0]?.AttachedManagedPolicies).toEqual(listed.AttachedPolicies);

    expect(await errorOf(c.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })))).toEqual({
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await c.iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: ADMIN }));
    await c.iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: ops }));
    expect(
      await errorOf(c.iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: ops }))),
    ).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
    await c.iam.send(new DeleteGroupCommand({ GroupName: 'devs' }));
    expect(emu.iamState().groups).toEqual([]);
  });

  test('a customer managed policy that does not exist cannot be attached; the 11th is LimitExceeded', async () => {
    emu.seed({ accounts: { [MASTER]: { groups: [{ name: 'devs' }] } } });
    expect(
      await errorOf(
        c.iam.send(
          new AttachGroupPolicyCommand({
            GroupName: 'devs',
            PolicyArn: `arn:aws:iam::${MASTER}:policy/Nope`,
          }),
        ),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException' });
    for (let i = 0; i < 10; i++)
      await c.iam.send(
        new AttachGroupPolicyCommand({
          GroupName: 'devs',
          PolicyArn: `arn:aws:iam::aws:policy/P${i}ReadOnlyAccess`,
        }),
      );
    expect(
      await errorOf(
        c.iam.send(
          new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: 'arn:aws:iam::aws:policy/P10' }),
        ),
      ),
    ).toEqual({
      name: 'LimitExceededException',
      status: 409,
      message: 'Cannot exceed quota for PoliciesPerGroup: 10',
    });
  });

  test('the 11th group of a user is LimitExceeded, naming the quota', async () => {
    emu.seed({
      accounts: {
        [MASTER]: {
          groups: Array.from({ length: 11 }, (_, i) => ({ name: `g${i}`, members: i < 10 ? ['alice'] : [] })),
        },
      },
    });
    expect(
      await errorOf(c.iam.send(new AddUserToGroupCommand({ GroupName: 'g10', UserName: 'alice' }))),
    ).toEqual({
      name: 'LimitExceededException',
      status: 409,
      message: 'Cannot exceed quota for GroupsPerUser: 10',
    });
  });
});

describe("IAM's consistency window after CreateGroup", () => {
  test('other calls get NoSuchEntity until the window has passed; CreateGroup sees the group at once', async () => {
    emu.setIamConsistencyWindow(300);
    emu.seed({ accounts: { [MASTER]: { users: ['alice'] } } });
    await c.iam.send(new CreateGroupCommand({ GroupName: 'fresh', Path: '/RoleModel/' }));
    expect(
      await errorOf(c.iam.send(new AddUserToGroupCommand({ GroupName: 'fresh', UserName: 'alice' }))),
    ).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The group with name fresh cannot be found.',
    });
    expect(
      await errorOf(
        c.iam.send(
          new PutGroupPolicyCommand({
            GroupName: 'fresh',
            PolicyName: 'p',
            PolicyDocument: JSON.stringify(POLICY),
          }),
        ),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException' });
    expect(await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'FRESH' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    await new Promise((resolve) => setTimeout(resolve, 350));
    await c.iam.send(new AddUserToGroupCommand({ GroupName: 'fresh', UserName: 'alice' }));
    expect(
      (await c.iam.send(new GetGroupCommand({ GroupName: 'fresh' }))).Users?.map((u) => u.UserName),
    ).toEqual(['alice']);
  });

  test('without a window (the default) a new group is found at once', async () => {
    await c.iam.send(new CreateGroupCommand({ GroupName: 'now' }));
    await c.iam.send(new GetGroupCommand({ GroupName: 'now' }));
  });
});

describe('write rate limit', () => {
  test('writes beyond the burst are Throttling and change nothing; reads are not limited; refilled with time', async () => {
    // One token a second: the six writes all arrive well within it.
    emu.setWriteRateLimit('iam', { perSecond: 1, burst: 3 });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        c.iam.send(new CreateGroupCommand({ GroupName: `g${i}` })).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      ),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'Throttling')).toHaveLength(3);
    expect(emu.iamState().groups).toHaveLength(3);
    expect(emu.requestLog().filter((e) => e.fault === 'rate-limit')).toHaveLength(3);
    for (let i = 0; i < 5; i++) await c.iam.send(new ListGroupsCommand({}));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c.iam.send(new CreateGroupCommand({ GroupName: 'later' }));
    emu.setWriteRateLimit('iam', undefined);
    for (let i = 0; i < 5; i++) await c.iam.send(new CreateGroupCommand({ GroupName: `free${i}` }));
  });
});

describe('latency per service', () => {
  test('`iam:*` delays every IAM call; an operation name sets its own delay', async () => {
    emu.setLatency('iam:*', 120);
    emu.setLatency('GetAccountAuthorizationDetails', 300);
    const timed = async (call: () => Promise<unknown>): Promise<number> => {
      const start = Date.now();
      await call();
      return Date.now() - start;
    };
    expect(await timed(() => c.iam.send(new ListGroupsCommand({})))).toBeGreaterThanOrEqual(110);
    expect(
      await timed(() => c.iam.send(new GetAccountAuthorizationDetailsCommand({}))),
    ).toBeGreaterThanOrEqual(290);
  });
});

describe('whenCalled', () => {
  test('runs a hand change just before the chosen call is handled, once', async () => {
    emu.seed({ accounts: { [MASTER]: { users: ['alice'] } } });
    emu.whenCalled(
      'CreateGroup',
      () => emu.seed({ accounts: { [MASTER]: { groups: [{ name: 'by-hand' }] } } }),
      {
        call: 2,
      },
    );
    await c.iam.send(new CreateGroupCommand({ GroupName: 'first' }));
    expect(emu.iamState().groups.map((g) => g.name)).toEqual(['first']);
    expect(await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'BY-HAND' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
    });
    await c.iam.send(new CreateGroupCommand({ GroupName: 'third' }));
    expect(emu.iamState().groups.map((g) => g.name)).toEqual(['by-hand', 'first', 'third']);
  });
});
