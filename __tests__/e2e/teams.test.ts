// Teams end to end through dist/index.js against the emulators: a team's one group and its
// policy, applied and then converged; a team join warned as the escalation it is, account by
// account; `'*'` following an account added to the config; `list` with effective access; and
// mistakes in the teams file annotated at their lines.
import { readFileSync } from 'node:fs';
import { pullRequestEvent, scheduleEvent } from '../support/harness/index.ts';
import { ACCOUNTS, MASTER, PR_NUMBER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import { countBy, deployedRoleArn, expectExit, logOf, mutatingCalls, normalPolicy } from './apply-helpers.ts';
import type { AccountName } from './apply-helpers.ts';
import {
  NEW_ACCOUNT,
  addAccount,
  commitBase,
  errorAnnotations,
  plain,
  planMarkdown,
  replaceIn,
  summaryLine,
} from './plan-helpers.ts';

let s: Scenario;
beforeEach(async () => {
  s = await startScenario();
});
afterEach(async () => s.close());

/** dave has only the Finance roles in the samples; the team makes him admin everywhere. */
const SRE = `# on call
sre:
  members:
    - carol
  grants:
    '*': [AdminRole]
    staging: [ReadOnlyRole]
`;

const useTeams = (teams: string): void => {
  replaceIn(s, 'rolemodel.yml', 'users: users.yml\n', 'users: users.yml\nteams: teams.yml\n');
  s.write('teams.yml', teams);
};

const teamGroup = () => s.aws.iamState(MASTER).groups.find((g) => g.name === 'team-sre');

/** The one policy the team's group must have: sts:AssumeRole on exactly these deployed roles. */
const expectPolicyFor = (pairs: readonly (readonly [string, string])[]): void => {
  const arns = pairs.map(([account, role]) => {
    const arn =
      account === NEW_ACCOUNT.name
        ? s.aws.iamState(NEW_ACCOUNT.id).roles.find((r) => r.name.startsWith(`RoleModel-${role}-`))?.arn
        : deployedRoleArn(s.aws, account as AccountName, role);
    if (arn === undefined) throw new Error(`${account}.${role} is not deployed`);
    return arn;
  });
  const group = teamGroup();
  expect(Object.keys(group?.policies ?? {})).toEqual(['team-sre-Policy']);
  expect(normalPolicy(group?.policies['team-sre-Policy'])).toEqual(
    normalPolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [...arns].sort() }],
    }),
  );
};

interface AccessChanges {
  readonly escalations: number;
  readonly users: readonly { user: string; gains: { account: string; role: string; level?: string }[] }[];
  readonly warnings: readonly { kind: string; account?: string; role: string; user?: string }[];
}
const accessChanges = (result: { outputs: Record<string, string> }): AccessChanges =>
  JSON.parse(result.outputs['access-changes'] ?? 'null') as AccessChanges;

const planFrom = (baseSha: string) =>
  s.plan({ event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access', baseSha }) });

test('a team: planned, applied as one group whose policy names exactly its roles, and a second apply does nothing', async () => {
  useTeams(SRE);
  const planned = await s.plan();
  expectExit(planned, 0);
  const comment = plain(planComments(s)[0] ?? '');
  expect(comment).toMatch(
    /\| `team-sre` \| \+ create \| grants `prod\.AdminRole`, `staging\.AdminRole`, `staging\.ReadOnlyRole`, `cdn\.AdminRole` \(ARNs _known after apply_\) \| `carol` \| {2}\|/,
  );
  // carol's own staging.ReadOnlyRole line is now redundant: said, not an error.
  expect(planned.annotations.filter((a) => a.severity === 'notice').map((a) => [a.file, a.message])).toEqual([
    [
      'users.yml',
      'carol also holds staging.ReadOnlyRole through team sre (teams.yml:2); this line changes nothing while they are in it.\nRemove it, or keep it if carol should keep staging.ReadOnlyRole after leaving the team.',
    ],
  ]);

  const applied = await s.apply();
  expectExit(applied, 0);
  expect(teamGroup()).toMatchObject({ path: '/RoleModel/', members: ['carol'] });
  expectPolicyFor([
    ['prod', 'AdminRole'],
    ['staging', 'AdminRole'],
    ['staging', 'ReadOnlyRole'],
    ['cdn', 'AdminRole'],
  ]);
  // The twelve groups of the samples are there as before.
  expect(s.aws.iamState(MASTER).groups.filter((g) => g.name !== 'team-sre')).toHaveLength(12);

  const again = await s.apply();
  expectExit(again, 0);
  expect(countBy(mutatingCalls(logOf(again)))).toEqual({});
  expect(again.summary).toContain('No changes. AWS already matched the files.');
});

test('dave joining sre gains admin in every account: the plan warns for each, and access-changes says so', async () => {
  useTeams(SRE);
  expectExit(await s.apply(), 0);
  const baseSha = commitBase(s);
  replaceIn(s, 'teams.yml', '    - carol\n', '    - carol\n    - dave\n');
  const planned = await planFrom(baseSha);
  expectExit(planned, 0);
  expect(summaryLine(planMarkdown(planned))).toBe('1 member added');
  const comment = planComments(s)[0] ?? '';
  for (const account of ['prod', 'staging', 'cdn'])
    expect(comment).toContain(
      `- 🔴 **dave** gains **admin** in \`${account}\` (\`${account}.AdminRole\`): Allow \\* on \\*`,
    );
  expect(comment).toContain(
    '| `dave` | `cdn.AdminRole` (admin), `prod.AdminRole` (admin), `staging.AdminRole` (admin), `staging.ReadOnlyRole` (read-only) |  |',
  );
  expect(planned.outputs['escalations']).toBe('3');
  const access = accessChanges(planned);
  expect(access.users).toEqual([
    {
      user: 'dave',
      gains: [
        { account: 'cdn', role: 'AdminRole', level: 'admin' },
        { account: 'prod', role: 'AdminRole', level: 'admin' },
        { account: 'staging', role: 'AdminRole', level: 'admin' },
        { account: 'staging', role: 'ReadOnlyRole', level: 'read-only' },
      ],
      losses: [],
    },
  ]);
  expect(access.warnings.map((w) => [w.kind, w.account, w.user])).toEqual([
    ['grant-admin', 'cdn', 'dave'],
    ['grant-admin', 'prod', 'dave'],
    ['grant-admin', 'staging', 'dave'],
  ]);

  expectExit(await s.apply(), 0);
  expect(teamGroup()?.members).toEqual(['carol', 'dave']);
});

test("`'*'` follows the config: an account added later is granted to the team, its members gain it, apply writes it", async () => {
  useTeams(SRE);
  expectExit(await s.apply(), 0);
  const baseSha = commitBase(s);
  addAccount(s);
  const planned = await planFrom(baseSha);
  expectExit(planned, 0);
  const comment = plain(planComments(s)[0] ?? '');
  expect(comment).toContain('- 🔴 **carol** gains **admin** in `audit` (`audit.AdminRole`)');
  expect(comment).toMatch(
    /\| `team-sre` \| ~ update \| \+ `audit\.AdminRole` \(ARNs _known after apply_\) \| {2}\| {2}\|/,
  );
  expect(accessChanges(planned).users).toEqual([
    { user: 'carol', gains: [{ account: 'audit', role: 'AdminRole', level: 'admin' }], losses: [] },
  ]);

  const applied = await s.apply();
  expectExit(applied, 0);
  expectPolicyFor([
    ['prod', 'AdminRole'],
    ['staging', 'AdminRole'],
    ['staging', 'ReadOnlyRole'],
    ['cdn', 'AdminRole'],
    [NEW_ACCOUNT.name, 'AdminRole'],
  ]);
  const again = await s.apply();
  expect(countBy(mutatingCalls(logOf(again)))).toEqual({});
});

test('list: the team, and every role its members can assume through it in the matrix and their profiles', async () => {
  useTeams(SRE);
  expectExit(await s.apply(), 0);
  const listed = await s.dispatch('list');
  expectExit(listed, 0);
  const json = JSON.parse(readFileSync(listed.outputs['plan-json'] ?? '', 'utf8')) as {
    teams: { team: string; group: string; members: string[]; grants: string[] }[];
    users: { userName: string; grants: string[] }[];
    access: {
      userName: string;
      roles: { group: string; via: string[]; level: string }[];
      awsConfig: string;
    }[];
    otherGroups: unknown[];
  };
  expect(json.teams).toEqual([
    {
      team: 'sre',
      group: 'team-sre',
      members: ['carol'],
      grants: ['prod.AdminRole', 'staging.AdminRole', 'staging.ReadOnlyRole', 'cdn.AdminRole'],
    },
  ]);
  expect(json.otherGroups).toEqual([]);
  const carol = json.access.find((u) => u.userName === 'carol');
  // In config then template order; a role held through her own group and the team names both.
  expect(carol?.roles.map((r) => [r.group, r.level, r.via])).toEqual([
    ['prod.AdminRole', 'admin', ['team-sre']],
    ['prod.ReadOnlyRole', 'read-only', ['prod.ReadOnlyRole']],
    ['staging.AdminRole', 'admin', ['team-sre']],
    ['staging.ReadOnlyRole', 'read-only', ['staging.ReadOnlyRole', 'team-sre']],
    ['cdn.AdminRole', 'admin', ['team-sre']],
    ['cdn.SuperUserRole', 'write', ['cdn.SuperUserRole']],
  ]);
  expect(carol?.awsConfig).toContain(
    `[profile cdn-AdminRole]\nrole_arn = ${deployedRoleArn(s.aws, 'cdn', 'AdminRole') ?? ''}\nsource_profile = rolemodel-master\nmfa_serial = arn:aws:iam::${MASTER}:mfa/carol`,
  );
  expect(json.users.find((u) => u.userName === 'carol')?.grants).toEqual([
    'cdn.AdminRole',
    'cdn.SuperUserRole',
    'prod.AdminRole',
    'prod.ReadOnlyRole',
    'staging.AdminRole',
    'staging.ReadOnlyRole',
  ]);
  expect(listed.summary).toContain('### Teams');
  expect(plain(listed.summary)).toContain('| `sre` | `team-sre` | `carol` |');
});

test('mistakes in the teams file: annotated at their lines with what to write instead; AWS is not read', async () => {
  useTeams(`sre:
  members:
    - carol
    - Carol
  grants:
    '*': [AdminRle]
    prdo: [ReadOnlyRole]
on.call:
  members: []
  grants: {}
`);
  const planned = await s.plan();
  expectExit(planned, 1);
  expect(planned.aws?.requestLog).toEqual([]);
  expect(
    errorAnnotations(planned)
      .filter((a) => a.file)
      .map((a) => [a.file, a.line, a.message.split('\n')[0]]),
  ).toEqual([
    ['teams.yml', 4, 'User "Carol" is listed twice in team sre (also at line 3).'],
    [
      'teams.yml',
      6,
      'Role "AdminRle" of team sre is not an AWS::IAM::Role of roles.yml. Did you mean `AdminRole`?',
    ],
    ['teams.yml', 7, 'Account "prdo" of team sre is not in rolemodel.yml. Did you mean `prod`?'],
    [
      'teams.yml',
      8,
      'Team name "on.call" contains "."; team names have none, so that a team\'s group (`team-<name>`) is never named like an `<account>.<role>` group.',
    ],
  ]);
});

void ACCOUNTS;

describe('a team membership that ends by itself', () => {
  const APPLIED_AT = '2026-03-01T09:00:00Z';
  const HOUR_AFTER_DAVE = '2026-03-01T13:00:00Z';
  const at = (time: string) => ({ env: { ROLEMODEL_NOW: time } });
  const TIMED = SRE.replace(
    '    - carol\n',
    '    - carol\n    - { user: dave, until: "2026-03-01T12:00:00Z", reason: "INC-4711 failover" }\n    - user: bob\n      until: 2026-03-05\n',
  );

  test('is planned and listed with its end, and the scheduled run takes it away once it has ended', async () => {
    useTeams(TIMED);
    const planned = await s.plan(at(APPLIED_AT));
    expectExit(planned, 0);
    const comment = plain(planComments(s)[0] ?? '');
    expect(comment).toContain(
      '`prod.AdminRole` (admin) until 2026-03-01T12:00:00Z, in 3 hours (INC-4711 failover)',
    );
    expect(comment).toContain(
      '**dave** (until 2026-03-01T12:00:00Z, in 3 hours; INC-4711 failover) gain **admin** in `prod` (`prod.AdminRole`)',
    );

    expectExit(await s.apply(at(APPLIED_AT)), 0);
    expect(teamGroup()?.members).toEqual(['bob', 'carol', 'dave']);

    const listed = await s.dispatch('list', at(APPLIED_AT));
    expectExit(listed, 0);
    const summary = plain(listed.summary);
    expect(summary).toContain(
      'team `sre`: `bob` (⏳ until 2026-03-05, in 4 days), `carol`, `dave` (⏳ until 2026-03-01T12:00:00Z, in 3 hours)',
    );
    // In the matrix: dave holds cdn.AdminRole only through the team, so until its end.
    expect(summary).toMatch(/\| `dave` \|[^\n]*`AdminRole` \(admin\) ⏳ until 2026-03-01T12:00:00Z/);

    const expired = await s.apply({
      event: scheduleEvent({ repository: 'octo-org/access' }),
      inputs: { command: 'auto' },
      ...at(HOUR_AFTER_DAVE),
    });
    expectExit(expired, 0);
    expect(countBy(mutatingCalls(logOf(expired)))).toEqual({ 'iam:RemoveUserFromGroup': 1 });
    expect(teamGroup()?.members).toEqual(['bob', 'carol']);
    const json = JSON.parse(readFileSync(expired.outputs['plan-json'] ?? '', 'utf8')) as {
      removed: unknown[];
      differs: boolean;
    };
    expect(json.removed).toEqual([{ group: 'team-sre', userName: 'dave', origin: 'expired', state: 'done' }]);
    expect(json.differs).toBe(false);
    expect(JSON.parse(expired.outputs['expiring'] ?? '[]')).toEqual([
      {
        user: 'bob',
        team: 'sre',
        group: 'team-sre',
        until: '2026-03-05',
        endsAt: '2026-03-06T00:00:00.000Z',
        daysLeft: 4,
      },
    ]);
  });

  test('a pull request that adds a membership already ended is an error at its line', async () => {
    useTeams(SRE);
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    const baseSha = commitBase(s);
    replaceIn(s, 'teams.yml', '    - carol\n', '    - carol\n    - { user: dave, until: 2026-02-20 }\n');
    const planned = await s.plan({
      event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access', baseSha }),
      ...at(APPLIED_AT),
    });
    expectExit(planned, 1);
    const atLines = errorAnnotations(planned).filter((a) => a.file !== undefined);
    expect(atLines.map((a) => [a.file, a.line, a.message])).toEqual([
      [
        'teams.yml',
        5,
        'The grant of dave in team sre has already ended (until 2026-02-20, ended 8 days ago): this change adds a grant that gives nothing.\nWrite a later `until`, or remove the entry.',
      ],
    ]);
    expect(teamGroup()?.members).toEqual(['carol']);
  });
});
