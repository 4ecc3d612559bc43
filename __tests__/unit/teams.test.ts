// Teams: the file checked like the user map, one group per team granting many pairs through one
// compact policy, and effective access (pair groups and teams together) in the plan's review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { accessDeltas } from '../../src/core/access/effective.ts';
import { publishedSchemas } from '../../src/core/config/published-schemas.ts';
import { REPO_ROOT } from '../support/harness/paths.ts';
import { assumableRoleArns } from '../../src/core/access/assumable.ts';
import { assumeRolePolicy } from '../../src/core/desired-state.ts';
import { loadRepository } from '../../src/core/load-repository.ts';
import type { Repository } from '../../src/core/load-repository.ts';
import type { ObservedAccount, ObservedGroup, ObservedMaster } from '../../src/core/observed.ts';
import { plan } from '../../src/core/plan/plan.ts';
import type { PlanInput } from '../../src/core/plan/plan.ts';
import { renderPlanSummaryLine } from '../../src/core/render/summary-line.ts';
import { teamOfGroup } from '../../src/core/teams/names.ts';
import { policySize, teamPolicy } from '../../src/core/teams/policy.ts';
import { memoryReader, validFiles, VALID_CONFIG, TEST_NOW } from './memory-reader.ts';
import { ADMIN, READ, analyzed } from './access-fixtures.ts';

const CONFIG = `${VALID_CONFIG.replace('users: users.yml', 'users: users.yml\nteams: teams.yml')}`;
const PROD = '210987654321';
const CDN = '310987654321';

const load = (teams: string, users?: string) =>
  loadRepository(
    memoryReader({
      ...validFiles(),
      'rolemodel.yml': CONFIG,
      'teams.yml': teams,
      ...(users === undefined ? {} : { 'users.yml': users }),
    }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );

const loaded = (teams: string, users?: string): Repository => {
  const result = load(teams, users);
  if (result.repository === undefined) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.repository;
};

const messages = (teams: string) =>
  load(teams).diagnostics.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.message}`);

describe('the teams file', () => {
  test('a valid file: each team its group, `*` expanded over the config accounts in order', () => {
    const repository = loaded(`sre:
  members: [alice, bob]
  grants:
    '*': [AdminRole]
    cdn: [ReadOnlyRole]
`);
    expect(repository.desired.teams).toHaveLength(1);
    const sre = repository.desired.teams[0];
    expect(sre?.name).toBe('team-sre');
    expect(sre?.path).toBe('/RoleModel/');
    expect(sre?.policyName).toBe('team-sre-Policy');
    expect(sre?.members.map((m) => [m.userName, m.position.line])).toEqual([
      ['alice', 2],
      ['bob', 2],
    ]);
    expect(sre?.pairs.map((p) => [p.account, p.role, p.roleArn, p.position.line])).toEqual([
      ['prod', 'AdminRole', undefined, 4],
      ['cdn', 'AdminRole', undefined, 4],
      ['cdn', 'ReadOnlyRole', `arn:aws:iam::${CDN}:role/read-only`, 5],
    ]);
  });

  test('unknown accounts and roles, a user twice, with did-you-mean, each at its line', () => {
    expect(
      messages(`sre:
  members:
    - alice
    - Alice
  grants:
    prdo: [AdminRole]
    cdn: [AdminRle, ReadOnlyRole, ReadOnlyRole]
`),
    ).toEqual([
      'error teams.yml:4:7 User "Alice" is listed twice in team sre (also at line 3).',
      'error teams.yml:6:5 Account "prdo" of team sre is not in rolemodel.yml. Did you mean `prod`?',
      'error teams.yml:7:11 Role "AdminRle" of team sre is not an AWS::IAM::Role of roles.yml. Did you mean `AdminRole`?',
      'error teams.yml:7:35 Role ReadOnlyRole is listed twice for cdn in team sre (also at line 7).',
    ]);
  });

  test('names IAM would refuse, and team names that are one name to IAM', () => {
    const problems = messages(`ops.eu:
  members: [alice]
  grants: {}
"on call":
  members: []
  grants: {}
Ops:
  members: []
  grants: {}
ops:
  members: [b!ll]
  grants: {}
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error teams.yml:1:1 Team name "ops.eu" contains "\."; team names have none/),
        expect.stringMatching(
          /^error teams.yml:4:1 Team name "on call" cannot be part of an IAM group name: it contains " "/,
        ),
        expect.stringMatching(
          /^error teams.yml:7:1 Duplicate team name "Ops" \(also at line 10 as "ops"\); IAM names ignore letter case/,
        ),
        expect.stringMatching(/^error teams.yml:10:1 Duplicate team name "ops"/),
        expect.stringMatching(/^error teams.yml:11:13 "b!ll" is not a valid IAM user name: it contains "!"/),
      ]),
    );
  });

  test('missing keys and wrong shapes say what to write', () => {
    expect(messages('sre:\n  member: [alice]\n')).toEqual([
      'error teams.yml:2:3 Unknown key `member` in sre. Did you mean `members`?',
      'error teams.yml:2:3 sre is missing the required keys `members`, `grants`.',
    ]);
  });

  test("a grant the team's `*` already gives is a notice, not an error", () => {
    const result = load(`sre:
  members: [carol]
  grants:
    '*': [AdminRole]
    prod: [AdminRole]
`);
    expect(result.repository).toBeDefined();
    expect(result.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      [
        'notice',
        5,
        "Team sre grants AdminRole in every account ('*', line 4); listing it for prod changes nothing.",
      ],
    ]);
  });

  test('a person in the user map and in a team for the same grant: a notice on the user map line', () => {
    const result = load(`admins:
  members: [alice]
  grants:
    prod: [AdminRole]
`);
    expect(result.repository).toBeDefined();
    expect(result.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line} ${d.message}`)).toEqual([
      'notice users.yml:2 alice also holds prod.AdminRole through team admins (teams.yml:1); this line changes nothing while they are in it.',
    ]);
  });

  test('a file that is not a teams file gets one error that quotes nothing of it', () => {
    const result = load('token: ghp_secretvalue\nother: 1\n');
    expect(result.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'rolemodel.yml:6 teams.yml is not a RoleModel teams file: none of its entries is a team with `members` and `grants`.',
    ]);
    expect(JSON.stringify(result.diagnostics)).not.toContain('ghp_secretvalue');
  });

  test('an empty teams file means no team: a notice', () => {
    const result = load('# nobody yet\n');
    expect(result.repository?.desired.teams).toEqual([]);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['notice']);
  });

  test('`teams` goes through the same path rules as the other file keys', () => {
    const result = loadRepository(
      memoryReader({
        ...validFiles(),
        'rolemodel.yml': CONFIG.replace('teams: teams.yml', 'teams: ../teams.yml'),
      }),
      'rolemodel.yml',
      {},
      TEST_NOW,
    );
    expect(result.diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      expect.stringMatching(/^6 `teams` must name a file in this repository: /),
    ]);
  });

  test('team groups are named so that no `<account>.<role>` group can share the name', () => {
    expect(teamOfGroup('team-sre')).toBe('sre');
    expect(teamOfGroup('team-sre.AdminRole')).toBeUndefined();
    expect(teamOfGroup('prod.AdminRole')).toBeUndefined();
    expect(teamOfGroup('team-')).toBeUndefined();
  });
});

describe("a team's policy", () => {
  // CloudFormation's suffix differs in every account.
  const generated = (id: string, role: string) =>
    `arn:aws:iam::${id}:role/RoleModel-${role}-ABCDEFGH${id.slice(-4)}`;

  test('exact ARNs in one statement; a literal role name in many accounts as one statement with aws:ResourceAccount', () => {
    const ids = Array.from({ length: 10 }, (_, i) => String(210987654321 + i));
    const policy = teamPolicy('aws', [
      ...ids.map((id) => ({ accountId: id, role: 'AdminRole', arn: generated(id, 'AdminRole') })),
      ...ids.map((id) => ({ accountId: id, role: 'ReadOnlyRole', arn: `arn:aws:iam::${id}:role/read-only` })),
    ]);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ids.map((id) => generated(id, 'AdminRole')) },
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: 'arn:aws:iam::*:role/read-only',
          Condition: { StringEquals: { 'aws:ResourceAccount': ids } },
        },
      ],
    });
    // Read back, it allows exactly the twenty roles.
    expect(assumableRoleArns(policy).sort()).toEqual(
      [
        ...ids.map((id) => generated(id, 'AdminRole')),
        ...ids.map((id) => `arn:aws:iam::${id}:role/read-only`),
      ].sort(),
    );
  });

  test('a literal name in one account stays an exact ARN (shorter); the same pairs give the same document', () => {
    const pairs = [{ accountId: PROD, role: 'ReadOnlyRole', arn: `arn:aws:iam::${PROD}:role/read-only` }];
    expect(teamPolicy('aws', pairs)?.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${PROD}:role/read-only` },
    ]);
    expect(teamPolicy('aws', [...pairs].reverse())).toEqual(teamPolicy('aws', pairs));
    expect(teamPolicy('aws', [])).toBeUndefined();
  });

  test('is measured as IAM measures it: JSON without whitespace', () => {
    expect(policySize({ a: 'x y' })).toBe('{"a":"xy"}'.length);
  });
});

// ---- planning with teams

const ADMIN_ARN = (id: string) => `arn:aws:iam::${id}:role/RoleModel-AdminRole-ABC123`;

const deployed = (name: string, id: string): ObservedAccount => ({
  accountName: name,
  accountId: id,
  stackStatus: 'UPDATE_COMPLETE',
  roles: [
    { logicalId: 'AdminRole', physicalName: 'RoleModel-AdminRole-ABC123', arn: ADMIN_ARN(id) },
    { logicalId: 'ReadOnlyRole', physicalName: 'read-only', arn: `arn:aws:iam::${id}:role/read-only` },
  ],
  review: { kind: 'no-change' },
});

const observedGroup = (name: string, members: string[], document: unknown): ObservedGroup => ({
  name,
  path: '/RoleModel/',
  arn: `arn:aws:iam::123456789012:group/RoleModel/${name}`,
  members,
  policies: [{ name: `${name}-Policy`, document }],
});

/** The pair groups of `users`, as a converged apply leaves them. */
const pairGroups = (members: Record<string, string[]>): ObservedGroup[] =>
  [
    ['prod', PROD],
    ['cdn', CDN],
  ].flatMap(([account, id]) =>
    [
      ['AdminRole', ADMIN_ARN(id ?? '')],
      ['ReadOnlyRole', `arn:aws:iam::${id ?? ''}:role/read-only`],
    ].map(([role, arn]) =>
      observedGroup(`${account}.${role}`, members[`${account}.${role}`] ?? [], assumeRolePolicy(arn ?? '')),
    ),
  );

const SAMPLE_MEMBERS = {
  'prod.AdminRole': ['alice'],
  'prod.ReadOnlyRole': ['alice', 'bob'],
  'cdn.ReadOnlyRole': ['bob'],
};

const master = (groups: ObservedGroup[]): ObservedMaster => ({
  accountId: '123456789012',
  users: new Set(['alice', 'bob', 'carol']),
  groups,
  unmanagedGroupNames: new Set(),
});

const planFor = (repository: Repository, overrides: Partial<PlanInput> = {}) =>
  plan({
    desired: repository.desired,
    stackName: 'RoleModel',
    configFile: 'rolemodel.yml',
    accounts: [deployed('prod', PROD), deployed('cdn', CDN)],
    master: master(pairGroups(SAMPLE_MEMBERS)),
    privileges: {
      current: analyzed({ AdminRole: ADMIN, ReadOnlyRole: READ }),
      base: analyzed({ AdminRole: ADMIN, ReadOnlyRole: READ }),
    },
    ...overrides,
  });

const SRE = `sre:
  members: [alice, bob]
  grants:
    '*': [AdminRole]
`;

describe('planning a team', () => {
  test('a new team: its group with its members and a policy naming exactly the granted roles', () => {
    const result = planFor(loaded(SRE));
    const team = result.groups.find((g) => g.name === 'team-sre');
    expect(team).toMatchObject({
      action: 'create',
      membersToAdd: ['alice', 'bob'],
      policyName: 'team-sre-Policy',
      team: {
        name: 'sre',
        pairs: [
          { account: 'prod', role: 'AdminRole' },
          { account: 'cdn', role: 'AdminRole' },
        ],
        pairsBefore: [],
      },
    });
    expect(team?.policy?.after).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [ADMIN_ARN(PROD), ADMIN_ARN(CDN)] }],
    });
  });

  test('bob joining sre gains admin in every account: an escalation warning naming each', () => {
    const result = planFor(loaded(SRE));
    expect(result.access?.users.find((u) => u.user === 'bob')?.gains).toEqual([
      { account: 'cdn', role: 'AdminRole', level: 'admin' },
      { account: 'prod', role: 'AdminRole', level: 'admin' },
    ]);
    // alice already holds prod.AdminRole through her own group: she gains cdn only.
    expect(result.access?.users.find((u) => u.user === 'alice')?.gains.map((g) => g.account)).toEqual([
      'cdn',
    ]);
    expect(result.access?.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^alice gains cdn\.AdminRole, which grants admin/),
      expect.stringMatching(/^bob gains cdn\.AdminRole, which grants admin/),
      expect.stringMatching(/^bob gains prod\.AdminRole, which grants admin/),
    ]);
  });

  test('an applied team: nothing to do; its grants read back from its policy', () => {
    const team = observedGroup('team-sre', ['alice', 'bob'], {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [ADMIN_ARN(PROD), ADMIN_ARN(CDN)] }],
    });
    const result = planFor(loaded(SRE), { master: master([...pairGroups(SAMPLE_MEMBERS), team]) });
    expect(result.hasChanges).toBe(false);
    expect(result.groups.find((g) => g.name === 'team-sre')?.team?.pairsBefore).toEqual([
      { account: 'cdn', role: 'AdminRole' },
      { account: 'prod', role: 'AdminRole' },
    ]);
    expect(result.access?.users).toEqual([]);
  });

  test("`*` follows the config: a new account's role is granted to the team's members, who gain it", () => {
    const team = observedGroup('team-sre', ['alice', 'bob'], {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ADMIN_ARN(PROD) }],
    });
    // The team's group as an apply made it when prod was the only account.
    const result = planFor(loaded(SRE), { master: master([...pairGroups(SAMPLE_MEMBERS), team]) });
    const plannedTeam = result.groups.find((g) => g.name === 'team-sre');
    expect(plannedTeam?.action).toBe('update');
    expect(plannedTeam?.membersToAdd).toEqual([]);
    expect(result.access?.users.map((u) => [u.user, u.gains.map((g) => `${g.account}.${g.role}`)])).toEqual([
      ['alice', ['cdn.AdminRole']],
      ['bob', ['cdn.AdminRole']],
    ]);
  });

  test('a team that goes: its members lose what its policy granted, unless another group grants it', () => {
    const team = observedGroup('team-sre', ['alice', 'bob'], {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [ADMIN_ARN(PROD), ADMIN_ARN(CDN)] }],
    });
    const result = planFor(loaded('# none\n'), { master: master([...pairGroups(SAMPLE_MEMBERS), team]) });
    expect(result.groups.find((g) => g.name === 'team-sre')).toMatchObject({
      action: 'delete',
      team: { pairs: [] },
    });
    expect(result.access?.users.map((u) => [u.user, u.losses.map((l) => `${l.account}.${l.role}`)])).toEqual([
      ['alice', ['cdn.AdminRole']],
      ['bob', ['cdn.AdminRole', 'prod.AdminRole']],
    ]);
  });

  test('moving everyone from pair groups to teams that grant the same: no access change, and the summary says so', () => {
    const repository = loaded(
      `admins:
  members: [alice]
  grants:
    prod: [AdminRole]
readers:
  members: [alice, bob]
  grants:
    prod: [ReadOnlyRole]
cdn-readers:
  members: [bob]
  grants:
    cdn: [ReadOnlyRole]
`,
      '{}\n',
    );
    const result = planFor(repository);
    expect(result.summary.membersAdded).toBe(4);
    expect(result.summary.membersRemoved).toBe(4);
    expect(accessDeltas(result.groups)).toEqual([]);
    expect(result.access?.users).toEqual([]);
    expect(result.access?.warnings).toEqual([]);
    expect(renderPlanSummaryLine(result.summary)).toBe(
      "2 accounts change · 3 groups created · 4 members added · 4 removed · no one's access changes (only groups)",
    );
  });
});

describe('samples/teams.yml', () => {
  const read = (file: string) => readFileSync(join(REPO_ROOT, 'samples', file), 'utf8');

  test('matches the published JSON Schema', () => {
    const validate = new Ajv2020({ strict: false }).compile(
      JSON.parse(publishedSchemas()['teams.schema.json'] ?? '{}') as object,
    );
    expect(validate(parse(read('teams.yml')))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(parse('ops.eu:\n  members: []\n  grants: {}\n'))).toBe(false);
  });

  test('with the user map emptied, gives the samples exactly the access users.yml gives', () => {
    const files = {
      'rolemodel.yml': `${read('rolemodel.yml')}\nteams: teams.yml\n`,
      'roles.yml': read('roles.yml'),
      'teams.yml': read('teams.yml'),
    };
    const withTeams = loadRepository(
      memoryReader({ ...files, 'users.yml': '{}\n' }),
      'rolemodel.yml',
      {},
      TEST_NOW,
    );
    const withUsers = loadRepository(
      memoryReader({ ...files, 'users.yml': read('users.yml'), 'teams.yml': '{}\n' }),
      'rolemodel.yml',
      {},
      TEST_NOW,
    );
    expect(withTeams.diagnostics).toEqual([]);
    const grants = (repository: Repository | undefined) =>
      [
        ...(repository?.desired.groups ?? []).flatMap((g) => g.members.map((m) => `${m.userName} ${g.name}`)),
        ...(repository?.desired.teams ?? []).flatMap((t) =>
          t.members.flatMap((m) => t.pairs.map((p) => `${m.userName} ${p.account}.${p.role}`)),
        ),
      ].sort();
    expect(grants(withTeams.repository)).toEqual(grants(withUsers.repository));
    expect(grants(withTeams.repository)).toHaveLength(12);
  });
});
