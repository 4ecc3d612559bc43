// The `list` command's access matrix: each person's roles with their levels, ready-to-paste
// `~/.aws/config` profiles (mfa_serial when the trust policy requires MFA) and console links.
import { awsConfigFor } from '../../src/core/access/matrix.ts';
import { buildListing } from '../../src/core/listing.ts';
import type { GrantEnds, ListedAccountInput, MembershipEnd } from '../../src/core/listing.ts';
import type { ObservedGroup, ObservedMaster } from '../../src/core/observed.ts';
import { renderListing } from '../../src/core/render/listing.ts';
import { renderListingText } from '../../src/core/render/terminal/listing.ts';
import { plainStyle } from '../../src/core/render/terminal/style.ts';
import { ADMIN, READ, analyzed } from './access-fixtures.ts';

const MASTER = '123456789012';
const privileges = analyzed({ AdminRole: ADMIN, ReadRole: { ...READ, trust: 'no-mfa' } });

const account = (accountName: string, accountId: string): ListedAccountInput => ({
  accountName,
  accountId,
  stackStatus: 'CREATE_COMPLETE',
  error: undefined,
  roles: ['AdminRole', 'ReadRole'].map((logicalId) => ({
    logicalId,
    physicalName: `RoleModel-${logicalId}-X1`,
    arn: `arn:aws:iam::${accountId}:role/RoleModel-${logicalId}-X1`,
  })),
});

const group = (name: string, members: readonly string[]): ObservedGroup => ({
  name,
  path: '/RoleModel/',
  arn: `arn:aws:iam::${MASTER}:group/RoleModel/${name}`,
  members,
  policies: [],
});

const master: ObservedMaster = {
  accountId: MASTER,
  users: new Set(['alice', 'bob']),
  groups: [
    group('prod.AdminRole', ['alice']),
    group('prod.ReadRole', ['alice', 'bob']),
    group('cdn.ReadRole', ['bob']),
  ],
  unmanagedGroupNames: new Set(),
};

const listing = buildListing(
  'RoleModel',
  'aws',
  [account('prod', '210987654321'), account('cdn', '410987654321')],
  master,
  privileges,
);

describe('access matrix', () => {
  test('per user, every role with its level, MFA requirement, profile and link', () => {
    expect(
      listing.access.map((u) => [
        u.userName,
        u.roles.map((r) => [r.group, r.level, r.requiresMfa, r.profile]),
      ]),
    ).toEqual([
      [
        'alice',
        [
          ['prod.AdminRole', 'admin', true, 'prod-AdminRole'],
          ['prod.ReadRole', 'read-only', false, 'prod-ReadRole'],
        ],
      ],
      [
        'bob',
        [
          ['prod.ReadRole', 'read-only', false, 'prod-ReadRole'],
          ['cdn.ReadRole', 'read-only', false, 'cdn-ReadRole'],
        ],
      ],
    ]);
    expect(listing.accounts[0]?.roles[0]).toMatchObject({ level: 'admin', requiresMfa: true });
  });

  test('profiles: role_arn and source_profile, mfa_serial only where the trust policy requires MFA', () => {
    const alice = listing.access[0];
    expect(alice?.awsConfig).toContain(
      [
        '[profile prod-AdminRole]',
        'role_arn = arn:aws:iam::210987654321:role/RoleModel-AdminRole-X1',
        'source_profile = rolemodel-master',
        'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
        '',
        '[profile prod-ReadRole]',
        'role_arn = arn:aws:iam::210987654321:role/RoleModel-ReadRole-X1',
        'source_profile = rolemodel-master',
      ].join('\n'),
    );
    expect(alice?.awsConfig.trimEnd().endsWith('source_profile = rolemodel-master')).toBe(true);
    expect(listing.access[1]?.awsConfig).not.toContain('mfa_serial');
  });

  test('the MFA device ARN follows the partition', () => {
    const text = awsConfigFor(
      'li',
      [
        {
          account: 'prod',
          accountId: '210987654321',
          role: 'AdminRole',
          group: 'prod.AdminRole',
          via: ['prod.AdminRole'],
          level: 'admin',
          roleArn: 'arn:aws-cn:iam::210987654321:role/R',
          requiresMfa: true,
          switchRoleUrl: 'https://signin.amazonaws.cn/switchrole',
          profile: 'prod-AdminRole',
        },
      ],
      'aws-cn',
      MASTER,
    );
    expect(text).toContain('mfa_serial = arn:aws-cn:iam::123456789012:mfa/li');
  });

  test('rendered: a users x accounts table with levels, and a folded block per user', () => {
    const text = renderListing(listing);
    expect(text).toContain(
      [
        '| User | prod | cdn |',
        '| --- | --- | --- |',
        '| `alice` | `AdminRole` (admin)<br>`ReadRole` (read-only) |  |',
        '| `bob` | `ReadRole` (read-only) | `ReadRole` (read-only) |',
      ].join('\n'),
    );
    expect(text).toContain('<details><summary>alice: 2 roles</summary>\n\n```ini\n# alice: roles assumable');
    expect(text).toContain(
      '[prod\\.AdminRole \\(admin\\)](https://signin.aws.amazon.com/switchrole?account=210987654321&roleName=RoleModel-AdminRole-X1&displayName=prod.AdminRole)',
    );
  });

  test('no matrix without the template analysis or without members', () => {
    const bare = buildListing('RoleModel', 'aws', [account('prod', '210987654321')], master);
    expect(bare.access).toEqual([]);
    expect(renderListing(bare)).not.toContain('### Access matrix');
  });
});

describe('time-boxed memberships in the listing', () => {
  const ends: GrantEnds = new Map<string, ReadonlyMap<string, MembershipEnd>>([
    [
      'prod.AdminRole',
      new Map([
        [
          'alice',
          {
            userName: 'alice',
            until: '2026-01-20',
            endsAt: '2026-01-21T00:00:00.000Z',
            reason: 'INC-1',
            ended: false,
          },
        ],
      ]),
    ],
    [
      'cdn.ReadRole',
      new Map([
        ['bob', { userName: 'bob', until: '2026-01-10', endsAt: '2026-01-11T00:00:00.000Z', ended: true }],
      ]),
    ],
  ]);
  const timed = buildListing(
    'RoleModel',
    'aws',
    [account('prod', '210987654321'), account('cdn', '410987654321')],
    master,
    privileges,
    { at: '2026-01-15T12:00:00.000Z', ends, teamNames: [] },
  );

  test('every membership shows its end, and the matrix marks time-boxed and ended cells', () => {
    const markdown = renderListing(timed).replace(/\\([-.])/g, '$1');
    expect(markdown).toContain('`alice` (⏳ until 2026-01-20, in 5 days)');
    expect(markdown).toContain('`bob` (⌛ grant ended: until 2026-01-10, ended 4 days ago)');
    expect(markdown).toMatch(
      /\| `alice` \| `AdminRole` \(admin\) ⏳ until 2026-01-20<br>`ReadRole` \(read-only\) \| {2}\|/,
    );
    expect(markdown).toMatch(
      /\| `bob` \| `ReadRole` \(read-only\) \| `ReadRole` \(read-only\) ⌛ ended 2026-01-10 \|/,
    );
    expect(timed.access.find((u) => u.userName === 'alice')?.roles[0]).toMatchObject({
      until: '2026-01-20',
      ended: false,
    });
  });

  test('the command line shows the ends too', () => {
    const text = renderListingText(timed, plainStyle);
    expect(text).toContain('members: alice (until 2026-01-20, in 5 days)');
    expect(text).toContain('members: bob (grant ended: until 2026-01-10, ended 4 days ago)');
  });
});
