// IAM through the real SDK v3 client: users, groups, memberships, inline policies, roles, paging.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  CreateRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  ListAttachedRolePoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateGetGroup,
  paginateListGroups,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  type GroupDetail,
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

const POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};

describe('users', () => {
  test('create, get, list, delete', async () => {
    const created = await c.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/people/' }));
    expect(created.User).toMatchObject({
      UserName: 'alice',
      Path: '/people/',
      Arn: 'arn:aws:iam::123456789012:user/people/alice',
    });
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    expect((await c.iam.send(new GetUserCommand({ UserName: 'alice' }))).User?.UserName).toBe('alice');
    const listed = await c.iam.send(new ListUsersCommand({ PathPrefix: '/people/' }));
    expect(listed.Users?.map((u) => u.UserName)).toEqual(['alice']);
    await c.iam.send(new DeleteUserCommand({ UserName: 'alice' }));
    expect(await errorOf(c.iam.send(new GetUserCommand({ UserName: 'alice' })))).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The user with name alice cannot be found.',
    });
  });

  test('duplicates (case-insensitive) and invalid names', async () => {
    await c.iam.send(new CreateUserCommand({ UserName: 'bob' }));
    expect(await errorOf(c.iam.send(new CreateUserCommand({ UserName: 'BOB' })))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      status: 409,
    });
    const invalid = await errorOf(c.iam.send(new CreateUserCommand({ UserName: 'bad name' })));
    expect(invalid).toMatchObject({ name: 'ValidationError', status: 400 });
    expect(invalid.message).toContain("at 'userName' failed to satisfy constraint");
    expect(await errorOf(c.iam.send(new CreateUserCommand({ UserName: 'u'.repeat(65) })))).toMatchObject({
      name: 'ValidationError',
    });
  });

  test('a user in a group cannot be deleted', async () => {
    emu.seed({ accounts: { '123456789012': { groups: [{ name: 'devs', members: ['carol'] }] } } });
    expect(await errorOf(c.iam.send(new DeleteUserCommand({ UserName: 'carol' })))).toMatchObject({
      name: 'DeleteConflictException',
      status: 409,
    });
  });
});

describe('groups', () => {
  test('create with path, get, list with prefix, delete', async () => {
    const created = await c.iam.send(new CreateGroupCommand({ GroupName: 'admins', Path: '/rolemodel/' }));
    expect(created.Group).toMatchObject({
      GroupName: 'admins',
      Path: '/rolemodel/',
      Arn: 'arn:aws:iam::123456789012:group/rolemodel/admins',
    });
    expect(created.Group?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    await c.iam.send(new CreateGroupCommand({ GroupName: 'other' }));
    const scoped = await c.iam.send(new ListGroupsCommand({ PathPrefix: '/rolemodel/' }));
    expect(scoped.Groups?.map((g) => g.GroupName)).toEqual(['admins']);
    expect(scoped.IsTruncated).toBe(false);
    const got = await c.iam.send(new GetGroupCommand({ GroupName: 'admins' }));
    expect(got.Users).toEqual([]);
    await c.iam.send(new DeleteGroupCommand({ GroupName: 'admins' }));
    expect(await errorOf(c.iam.send(new GetGroupCommand({ GroupName: 'admins' })))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The group with name admins cannot be found.',
    });
  });

  test('duplicate group, invalid name and invalid path', async () => {
    await c.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    expect(await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'g' })))).toEqual({
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'Group with name g already exists.',
    });
    expect(await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'a/b' })))).toMatchObject({
      name: 'ValidationError',
    });
    expect(
      await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'p', Path: 'no-slash' }))),
    ).toMatchObject({
      name: 'ValidationError',
    });
  });

  test('memberships: add, list, remove, missing user or group', async () => {
    emu.seed({
      accounts: { '123456789012': { users: ['alice', 'bob'], groups: [{ name: 'devs' }, { name: 'ops' }] } },
    });
    await c.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    await c.iam.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'alice' }));
    await c.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' })); // idempotent
    const groups = await c.iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['devs', 'ops']);
    expect(
      (await c.iam.send(new GetGroupCommand({ GroupName: 'devs' }))).Users?.map((u) => u.UserName),
    ).toEqual(['alice']);
    await c.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    expect(emu.iamState().groups.find((g) => g.name === 'devs')?.members).toEqual([]);
    expect(
      await errorOf(c.iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'nobody' }))),
    ).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
    expect(
      await errorOf(c.iam.send(new AddUserToGroupCommand({ GroupName: 'none', UserName: 'bob' }))),
    ).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });
    expect(
      await errorOf(c.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'none', UserName: 'bob' }))),
    ).toMatchObject({
      name: 'NoSuchEntityException',
    });
  });

  test('DeleteGroup conflicts while members or inline policies remain', async () => {
    emu.seed({
      accounts: {
        '123456789012': { groups: [{ name: 'devs', members: ['alice'], policies: { assume: POLICY } }] },
      },
    });
    expect(await errorOf(c.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })))).toEqual({
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await c.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
    expect(await errorOf(c.iam.send(new DeleteGroupCommand({ GroupName: 'devs' })))).toEqual({
      name: 'DeleteConflictException',
      status: 409,
      message: 'Cannot delete entity, must delete policies first.',
    });
    await c.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume' }));
    await c.iam.send(new DeleteGroupCommand({ GroupName: 'devs' }));
    expect(emu.iamState().groups).toEqual([]);
  });

  test('inline policies: put, get (URL-encoded as AWS returns it), list, delete', async () => {
    emu.seed({ accounts: { '123456789012': { groups: [{ name: 'devs' }] } } });
    const document = JSON.stringify(POLICY);
    await c.iam.send(
      new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume', PolicyDocument: document }),
    );
    const got = await c.iam.send(new GetGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume' }));
    expect(got.PolicyDocument).toBe(encodeURIComponent(document));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument ?? ''))).toEqual(POLICY);
    expect((await c.iam.send(new ListGroupPoliciesCommand({ GroupName: 'devs' }))).PolicyNames).toEqual([
      'assume',
    ]);
    await c.iam.send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume' }));
    expect(
      await errorOf(c.iam.send(new GetGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'assume' }))),
    ).toMatchObject({
      name: 'NoSuchEntityException',
    });
    expect(
      await errorOf(
        c.iam.send(
          new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'bad', PolicyDocument: '{nope' }),
        ),
      ),
    ).toMatchObject({ name: 'MalformedPolicyDocumentException', status: 400 });
  });

  test('paginateListGroups and paginateGetGroup follow Marker/IsTruncated', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `group-${i}`);
    const users = Array.from({ length: 5 }, (_, i) => `user-${i}`);
    emu.seed({
      accounts: {
        '123456789012': {
          groups: [...names.map((name) => ({ name, path: '/rm/' })), { name: 'big', members: users }],
        },
      },
    });
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateListGroups({ client: c.iam, pageSize: 3 }, { PathPrefix: '/rm/' })) {
      pages += 1;
      seen.push(...(page.Groups ?? []).map((g) => g.GroupName ?? ''));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
    const members: string[] = [];
    for await (const page of paginateGetGroup({ client: c.iam, pageSize: 2 }, { GroupName: 'big' })) {
      members.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
    }
    expect(members).toEqual(users);
    const first = await c.iam.send(new ListGroupsCommand({ MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
  });
});

describe('names are unique without regard to case, as in AWS', () => {
  test('a differently-cased duplicate is EntityAlreadyExists; lookups ignore case; names come back as created', async () => {
    emu.seed({ accounts: { '123456789012': { users: ['alice'] } } });
    await c.iam.send(new CreateGroupCommand({ GroupName: 'Prod.AdminRole', Path: '/RoleModel/' }));
    expect(
      await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'prod.adminrole', Path: '/RoleModel/' }))),
    ).toEqual({
      name: 'EntityAlreadyExistsException',
      status: 409,
      message: 'Group with name prod.adminrole already exists.',
    });
    expect(
      await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'PROD.ADMINROLE', Path: '/other/' }))),
    ).toMatchObject({ name: 'EntityAlreadyExistsException' });
    await c.iam.send(new AddUserToGroupCommand({ GroupName: 'prod.adminrole', UserName: 'ALICE' }));
    const got = await c.iam.send(new GetGroupCommand({ GroupName: 'PROD.AdminRole' }));
    expect(got.Group?.GroupName).toBe('Prod.AdminRole');
    expect(got.Users?.map((u) => u.UserName)).toEqual(['alice']);
    const details = await c.iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Group'] }),
    );
    expect(details.GroupDetailList?.map((g) => g.GroupName)).toEqual(['Prod.AdminRole']);
    expect(details.UserDetailList?.find((u) => u.UserName === 'alice')?.GroupList).toEqual([
      'Prod.AdminRole',
    ]);
    await c.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'PROD.ADMINROLE', UserName: 'Alice' }));
    expect(emu.iamState().groups.find((g) => g.name === 'Prod.AdminRole')?.members).toEqual([]);
  });

  test('roles too: one name whatever its case', async () => {
    emu.seed({ accounts: { '123456789012': { roles: [{ name: 'Deployer' }] } } });
    const role = await c.iam.send(new GetRoleCommand({ RoleName: 'deployer' }));
    expect(role.Role?.RoleName).toBe('Deployer');
    expect(() => emu.seed({ accounts: { '123456789012': { roles: [{ name: 'DEPLOYER' }] } } })).toThrow(
      /EntityAlreadyExists/,
    );
  });
});

describe('roles and managed policies', () => {
  beforeEach(() => {
    emu.seed({
      accounts: {
        '123456789012': {
          managedPolicies: [{ name: 'boundary', path: '/rm/', document: POLICY }],
          roles: [
            {
              name: 'deployer',
              path: '/rm/',
              policies: { inline: POLICY },
              managedPolicyArns: [
                'arn:aws:iam::aws:policy/ReadOnlyAccess',
                'arn:aws:iam::123456789012:policy/rm/boundary',
              ],
            },
          ],
        },
      },
    });
  });

  test('GetRole, ListRoles, role policies', async () => {
    const role = (await c.iam.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role;
    expect(role).toMatchObject({
      RoleName: 'deployer',
      Path: '/rm/',
      Arn: 'arn:aws:iam::123456789012:role/rm/deployer',
      MaxSessionDuration: 3600,
    });
    expect(role?.RoleId).toMatch(/^AROA/);
    expect(JSON.parse(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')).Statement).toHaveLength(2);
    expect(
      (await c.iam.send(new ListRolesCommand({ PathPrefix: '/rm/' }))).Roles?.map((r) => r.RoleName),
    ).toEqual(['deployer']);
    expect((await c.iam.send(new ListRolePoliciesCommand({ RoleName: 'deployer' }))).PolicyNames).toEqual([
      'inline',
    ]);
    const inline = await c.iam.send(new GetRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'inline' }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument ?? ''))).toEqual(POLICY);
    const attached = await c.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'deployer' }));
    expect(attached.AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      { PolicyName: 'boundary', PolicyArn: 'arn:aws:iam::123456789012:policy/rm/boundary' },
    ]);
    expect(await errorOf(c.iam.send(new GetRoleCommand({ RoleName: 'nope' })))).toEqual({
      name: 'NoSuchEntityException',
      status: 404,
      message: 'The role with name nope cannot be found.',
    });
  });

  test('GetPolicy and GetPolicyVersion', async () => {
    const arn = 'arn:aws:iam::123456789012:policy/rm/boundary';
    const policy = (await c.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy;
    expect(policy).toMatchObject({
      PolicyName: 'boundary',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      IsAttachable: true,
    });
    expect(policy?.PolicyId).toMatch(/^ANPA/);
    const version = await c.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion?.Document ?? ''))).toEqual(POLICY);
    expect(await errorOf(c.iam.send(new GetPolicyCommand({ PolicyArn: `${arn}x` })))).toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('GetAccountAuthorizationDetails', () => {
  beforeEach(() => {
    emu.seed({
      accounts: {
        '123456789012': {
          groups: [
            { name: 'g1', path: '/rm/', members: ['alice', 'bob'], policies: { p1: POLICY } },
            { name: 'g2', members: ['alice'] },
            { name: 'g3' },
          ],
          roles: [
            {
              name: 'r1',
              policies: { inline: POLICY },
              managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            },
          ],
        },
      },
    });
  });

  test('filters and detail shapes', async () => {
    const groups = await c.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Group'] }));
    expect(groups.UserDetailList).toEqual([]);
    expect(groups.RoleDetailList).toEqual([]);
    const g1 = groups.GroupDetailList?.find((g) => g.GroupName === 'g1');
    expect(g1).toMatchObject({ Path: '/rm/', Arn: 'arn:aws:iam::123456789012:group/rm/g1' });
    expect(g1?.GroupPolicyList?.[0]?.PolicyName).toBe('p1');
    expect(JSON.parse(decodeURIComponent(g1?.GroupPolicyList?.[0]?.PolicyDocument ?? ''))).toEqual(POLICY);

    const all = await c.iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(all.UserDetailList?.find((u) => u.UserName === 'alice')?.GroupList).toEqual(['g1', 'g2']);
    const role = all.RoleDetailList?.[0];
    expect(role?.RolePolicyList?.[0]?.PolicyName).toBe('inline');
    expect(role?.AttachedManagedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    expect(decodeURIComponent(role?.AssumeRolePolicyDocument ?? '')).toContain('sts:AssumeRole');
    expect(
      await errorOf(c.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Bogus' as 'User'] }))),
    ).toMatchObject({
      name: 'ValidationError',
    });
  });

  test('paginateGetAccountAuthorizationDetails returns every entity once', async () => {
    const groups: GroupDetail[] = [];
    const users: string[] = [];
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client: c.iam, pageSize: 2 },
      { Filter: ['User', 'Group', 'Role'] },
    )) {
      pages += 1;
      groups.push(...(page.GroupDetailList ?? []));
      users.push(...(page.UserDetailList ?? []).map((u) => u.UserName ?? ''));
    }
    expect(pages).toBe(3); // 2 users + 3 groups + 1 role, 2 per page
    expect(users).toEqual(['alice', 'bob']);
    expect(groups.map((g) => g.GroupName)).toEqual(['g1', 'g2', 'g3']);
  });
});

describe('account quotas: GetAccountSummary and LimitExceeded', () => {
  const trust = (padding: number) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'x'.repeat(padding),
          Effect: 'Allow',
          Principal: { AWS: '123456789012' },
          Action: 'sts:AssumeRole',
        },
      ],
    });
  /** Non-whitespace characters, as IAM counts policy sizes. */
  const size = (text: string) => text.replace(/\s/g, '').length;

  test("GetAccountSummary answers AWS's defaults, and the values a test sets, per account", async () => {
    emu.seed({ accounts: { [emu.masterAccountId]: { users: ['alice'], groups: [{ name: 'g1' }] } } });
    const summary = (await c.iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    expect(summary).toMatchObject({
      GroupsPerUserQuota: 10,
      GroupsQuota: 300,
      GroupPolicySizeQuota: 5120,
      AssumeRolePolicySizeQuota: 2048,
      Groups: 1,
      Users: 1,
    });
    emu.setIamQuotas({ GroupsQuota: 500, AssumeRolePolicySizeQuota: 4096 });
    const raised = (await c.iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {};
    expect(raised).toMatchObject({
      GroupsQuota: 500,
      AssumeRolePolicySizeQuota: 4096,
      GroupsPerUserQuota: 10,
    });
    // Another account keeps the defaults; reset() restores them everywhere.
    emu.setIamQuotas({ GroupsQuota: 7 }, '210987654321');
    emu.reset();
    expect((await c.iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.GroupsQuota).toBe(300);
  });

  test('CreateGroup over GroupsQuota, AddUserToGroup over GroupsPerUserQuota: LimitExceeded, nothing changed', async () => {
    emu.setIamQuotas({ GroupsQuota: 2, GroupsPerUserQuota: 1 });
    emu.seed({
      accounts: { [emu.masterAccountId]: { users: ['alice'], groups: [{ name: 'g1', members: ['alice'] }] } },
    });
    await c.iam.send(new CreateGroupCommand({ GroupName: 'g2' }));
    expect(await errorOf(c.iam.send(new CreateGroupCommand({ GroupName: 'g3' })))).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for GroupsPerAccount: 2',
      status: 409,
    });
    expect(
      await errorOf(c.iam.send(new AddUserToGroupCommand({ GroupName: 'g2', UserName: 'alice' }))),
    ).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for GroupsPerUser: 1',
    });
    expect(emu.iamState().groups.map((g) => [g.name, g.members])).toEqual([
      ['g1', ['alice']],
      ['g2', []],
    ]);
    // A deleted group frees its place.
    await c.iam.send(new DeleteGroupCommand({ GroupName: 'g2' }));
    await c.iam.send(new CreateGroupCommand({ GroupName: 'g3' }));
  });

  test('PutGroupPolicy counts every inline policy of the group, whitespace left out, against GroupPolicySizeQuota', async () => {
    emu.setIamQuotas({ GroupPolicySizeQuota: 400 });
    await c.iam.send(new CreateGroupCommand({ GroupName: 'g' }));
    const doc = (n: number) =>
      JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:${'r'.repeat(n)}` }],
        },
        null,
        8,
      );
    const base = size(doc(0));
    const first = doc(100);
    await c.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'a', PolicyDocument: first }));
    const room = 400 - size(first);
    const fits = doc(room - base);
    expect(size(fits)).toBe(room);
    await c.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'b', PolicyDocument: fits }));
    const over = doc(room - base + 1);
    expect(
      await errorOf(
        c.iam.send(new PutGroupPolicyCommand({ GroupName: 'g', PolicyName: 'b', PolicyDocument: over })),
      ),
    ).toMatchObject({
      name: 'LimitExceededException',
      message: 'Maximum policy size of 400 bytes exceeded for group g',
    });
  });

  test('a trust policy over AssumeRolePolicySizeQuota: CreateRole refused, in the account whose quota it is', async () => {
    const fits = trust(2048 - size(trust(0)));
    expect(size(fits)).toBe(2048);
    await c.iam.send(new CreateRoleCommand({ RoleName: 'ok', AssumeRolePolicyDocument: fits }));
    expect(
      await errorOf(
        c.iam.send(
          new CreateRoleCommand({
            RoleName: 'big',
            AssumeRolePolicyDocument: trust(2048 - size(trust(0)) + 1),
          }),
        ),
      ),
    ).toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    });
    emu.setIamQuotas({ AssumeRolePolicySizeQuota: 4096 });
    await c.iam.send(
      new CreateRoleCommand({ RoleName: 'big', AssumeRolePolicyDocument: trust(2048 - size(trust(0)) + 1) }),
    );
  });
});
