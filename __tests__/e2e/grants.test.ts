// Time-boxed grants on a pull request and in `list`, through dist/index.js against the
// emulators: the rules for the grants a pull request adds (judged against its base commit and
// the run's time), the end of a time-boxed admin grant in the escalation warning and the
// outputs, apply honouring the end, and `list` showing every membership's end.
import { commitBase, replaceIn } from './plan-helpers.ts';
import { readFileSync } from 'node:fs';
import { pullRequestEvent } from '../support/harness/index.ts';
import { expectExit, logOf, plainText } from './apply-helpers.ts';
import { planComments, PR_NUMBER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPOSITORY = 'octo-org/access';
const NOW = '2026-03-01T09:00:00Z';
const at = (time: string) => ({ env: { ROLEMODEL_NOW: time } });

let current: Scenario | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const start = async (): Promise<Scenario> => {
  current = await startScenario();
  return current;
};

const planAgainst = (s: Scenario, baseSha: string, time = NOW) =>
  s.plan({ event: pullRequestEvent({ number: PR_NUMBER, repository: REPOSITORY, baseSha }), ...at(time) });

/** 1-based line of the first line of a workspace file that contains `needle`. */
const lineOf = (s: Scenario, file: string, needle: string): number => {
  const index = readFileSync(`${s.workspace}/${file}`, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${file} has no line with ${needle}`);
  return index + 1;
};

describe('a pull request that adds time-boxed grants', () => {
  test('each rule is an error at the line that breaks it, all at once, before any AWS call', async () => {
    const s = await start();
    replaceIn(
      s,
      'rolemodel.yml',
      'region: us-east-1',
      'region: us-east-1\nmax_grant_days: 30\nrequire_reason: true',
    );
    // On the base: a grant that has ended since. Unchanged by the pull request, it is no error.
    replaceIn(
      s,
      'users.yml',
      'cdn:\n  SuperUserRole:\n    - carol\n',
      'cdn:\n  SuperUserRole:\n    - carol\n    - { user: bob, until: 2026-01-31, reason: "INC-4000 old incident" }\n',
    );
    const baseSha = commitBase(s);
    replaceIn(
      s,
      'users.yml',
      '  AdminRole:\n    - alice\n',
      [
        '  AdminRole:',
        '    - alice',
        '    - { user: dave, until: 2026-02-20, reason: "INC-4711 failover" }',
        '    - { user: carol, until: 2026-06-30, reason: "migration" }',
        '    - { user: bob, until: "2026-03-02T18:00:00Z" }',
        '    - { user: erin, until: 2026-04-31, reason: "typo" }',
        '',
      ].join('\n'),
    );
    const result = await planAgainst(s, baseSha);
    expectExit(result, 1);
    expect(logOf(result)).toEqual([]);
    const errors = result.annotations
      .filter((a) => a.severity === 'error' && a.file !== undefined)
      .map((a) => ({ file: a.file, line: a.line, message: a.message.split('\n')[0] ?? '' }));
    expect(errors).toEqual([
      {
        file: 'users.yml',
        line: lineOf(s, 'users.yml', 'user: dave'),
        message:
          'The grant of dave in prod.AdminRole has already ended (until 2026-02-20, ended 8 days ago): this change adds a grant that gives nothing.',
      },
      {
        file: 'users.yml',
        line: lineOf(s, 'users.yml', 'user: carol'),
        message:
          'The grant of carol in prod.AdminRole ends in 121 days (until 2026-06-30); rolemodel.yml allows a new grant at most 30 days (`max_grant_days: 30`).',
      },
      {
        file: 'users.yml',
        line: lineOf(s, 'users.yml', 'user: bob, until: "2026-03-02'),
        message:
          'The grant of bob in prod.AdminRole ends (until 2026-03-02T18:00:00Z) but says no reason, and rolemodel.yml requires one (`require_reason: true`).',
      },
      {
        file: 'users.yml',
        line: lineOf(s, 'users.yml', 'user: erin'),
        message: '`until`: "2026-04-31" is not a day of the calendar.',
      },
    ]);
    // What to write instead comes with each.
    const carol = result.annotations.find((a) => a.message.includes('grant of carol'));
    expect(carol?.message.split('\n')[1]).toBe('End it on 2026-03-30 or earlier: `until: 2026-03-30`.');
    const comment = plainText(planComments(s)[0] ?? '');
    expect(comment).toContain('4 errors in the RoleModel files; nothing was planned.');
  });

  test('a time-boxed admin grant is an escalation with its end and reason; apply grants it until then', async () => {
    const s = await start();
    expectExit(await s.apply(at(NOW)), 0);
    const baseSha = commitBase(s);
    replaceIn(
      s,
      'users.yml',
      '  AdminRole:\n    - alice\n',
      '  AdminRole:\n    - alice\n    - { user: dave, until: 2026-03-15, reason: "INC-4711 database failover" }\n',
    );
    const result = await planAgainst(s, baseSha);
    expectExit(result, 0);
    const comment = plainText(planComments(s)[0] ?? '');
    expect(comment).toContain('🔴 **Access escalation: 1 warning.**');
    expect(comment).toContain(
      '- 🔴 **dave** (until 2026-03-15, in 14 days; INC-4711 database failover) gains **admin** in `prod` (`prod.AdminRole`): Allow * on * (inline policy AdministratorAccess)',
    );
    expect(comment).toContain(
      '| `dave` | `prod.AdminRole` (admin) until 2026-03-15, in 14 days (INC-4711 database failover) |  |',
    );
    expect(result.outputs['escalations']).toBe('1');
    const changes = JSON.parse(result.outputs['access-changes'] ?? '') as {
      users: unknown[];
      warnings: unknown[];
    };
    expect(changes.users).toEqual([
      {
        user: 'dave',
        gains: [
          {
            account: 'prod',
            role: 'AdminRole',
            level: 'admin',
            until: '2026-03-15',
            endsAt: '2026-03-16T00:00:00.000Z',
            reason: 'INC-4711 database failover',
          },
        ],
        losses: [],
      },
    ]);
    expect(changes.warnings).toEqual([
      expect.objectContaining({
        kind: 'grant-admin',
        user: 'dave',
        until: '2026-03-15',
        endsAt: '2026-03-16T00:00:00.000Z',
        reason: 'INC-4711 database failover',
      }),
    ]);
    const planJson = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
      at: string;
      groups: { name: string; terms?: unknown[] }[];
    };
    expect(planJson.at).toBe('2026-03-01T09:00:00.000Z');
    expect(planJson.groups.find((g) => g.name === 'prod.AdminRole')?.terms).toEqual([
      {
        userName: 'dave',
        until: { written: '2026-03-15', endsAt: '2026-03-16T00:00:00.000Z' },
        reason: 'INC-4711 database failover',
      },
    ]);

    // Merged before the end: apply adds dave. Merged after it (or re-applied then): it does not.
    expectExit(await s.apply(at('2026-03-02T09:00:00Z')), 0);
    const members = () =>
      s.aws.iamState('123456789012').groups.find((g) => g.name === 'prod.AdminRole')?.members;
    expect([...(members() ?? [])].sort()).toEqual(['alice', 'dave']);
    expectExit(await s.apply(at('2026-03-16T00:00:00Z')), 0);
    expect(members()).toEqual(['alice']);
  });

  test('extending a time-boxed admin grant warns, though AWS does not change', async () => {
    const s = await start();
    replaceIn(
      s,
      'users.yml',
      '  AdminRole:\n    - alice\n',
      '  AdminRole:\n    - alice\n    - { user: dave, until: 2026-03-15, reason: "INC-4711" }\n',
    );
    expectExit(await s.apply(at(NOW)), 0);
    const baseSha = commitBase(s);
    replaceIn(s, 'users.yml', 'until: 2026-03-15', 'until: 2026-03-29');
    const result = await planAgainst(s, baseSha);
    expectExit(result, 0);
    expect(result.outputs['has-changes']).toBe('false');
    const comment = plainText(planComments(s)[0] ?? '');
    expect(comment).toContain('1 grant end changed');
    expect(comment).toContain(
      '- 🔴 **dave** (until 2026-03-29, in 28 days; was until 2026-03-15; INC-4711) keeps **admin** in `prod` (`prod.AdminRole`) longer',
    );
  });
});

describe('list', () => {
  test('shows the end of every time-boxed membership, and the matrix marks those cells', async () => {
    const s = await start();
    replaceIn(
      s,
      'users.yml',
      '  AdminRole:\n    - alice\n',
      '  AdminRole:\n    - alice\n    - { user: dave, until: 2026-03-15, reason: "INC-4711" }\n',
    );
    expectExit(await s.apply(at(NOW)), 0);
    const result = await s.dispatch('list', at(NOW));
    expectExit(result, 0);
    const summary = plainText(result.summary);
    expect(summary).toMatch(
      /\| `AdminRole` \| `[^`]+` \| `arn:aws:iam::210987654321:role\/[^`]+` \| `alice`, `dave` \(⏳ until 2026-03-15, in 14 days\) \|/,
    );
    expect(summary).toMatch(
      /\| `dave` \| `AdminRole` \(admin\) ⏳ until 2026-03-15<br>`FinanceRole` \(read-only\) \|/,
    );
    const json = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
      accounts: { accountName: string; roles: { logicalId: string; ends?: unknown[] }[] }[];
    };
    expect(
      json.accounts.find((a) => a.accountName === 'prod')?.roles.find((r) => r.logicalId === 'AdminRole')
        ?.ends,
    ).toEqual([
      {
        userName: 'dave',
        until: '2026-03-15',
        endsAt: '2026-03-16T00:00:00.000Z',
        reason: 'INC-4711',
        ended: false,
      },
    ]);
  });
});
