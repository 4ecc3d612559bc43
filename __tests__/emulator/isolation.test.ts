// Each account has its own IAM and CloudFormation state, selected by the caller's credentials.
import {
  CreateStackCommand,
  DescribeStacksCommand,
  waitUntilStackCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateGroupCommand, GetGroupCommand, ListGroupsCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startAwsEmulator, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, FAST_WAITER, type Clients } from './helpers.ts';

const OTHER = '210987654321';
let emu: AwsEmulator;
let master: Clients;
let other: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator();
  emu.seed({ accounts: { [OTHER]: { roles: [{ name: 'rolemodel' }] } } });
  master = clientsFor(emu);
  const assumed = await master.sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/rolemodel`, RoleSessionName: 'iso' }),
  );
  other = clientsFor(emu, {
    credentials: {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    },
  });
});
afterAll(async () => {
  destroyClients(master);
  destroyClients(other);
  await emu.close();
});

test('a group created with master credentials is invisible from another account', async () => {
  await master.iam.send(new CreateGroupCommand({ GroupName: 'only-in-master' }));
  expect((await other.iam.send(new ListGroupsCommand({}))).Groups).toEqual([]);
  expect(await errorOf(other.iam.send(new GetGroupCommand({ GroupName: 'only-in-master' })))).toMatchObject({
    name: 'NoSuchEntityException',
  });
  // The same name can exist independently in the other account.
  await other.iam.send(new CreateGroupCommand({ GroupName: 'only-in-master' }));
  expect(emu.iamState(OTHER).groups.map((g) => g.arn)).toEqual([
    `arn:aws:iam::${OTHER}:group/only-in-master`,
  ]);
  expect(emu.iamState().groups.map((g) => g.arn)).toEqual(['arn:aws:iam::123456789012:group/only-in-master']);
});

test('stacks are per account', async () => {
  const template = 'Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n';
  await other.cfn.send(new CreateStackCommand({ StackName: 'iso-stack', TemplateBody: template }));
  await waitUntilStackCreateComplete({ client: other.cfn, ...FAST_WAITER }, { StackName: 'iso-stack' });
  expect(await errorOf(master.cfn.send(new DescribeStacksCommand({ StackName: 'iso-stack' })))).toEqual({
    name: 'ValidationError',
    status: 400,
    message: 'Stack with id iso-stack does not exist',
  });
  expect(emu.stacks(OTHER).map((s) => s.id)).toEqual([expect.stringContaining(`:${OTHER}:stack/iso-stack/`)]);
  expect(emu.stacks()).toEqual([]);
});
