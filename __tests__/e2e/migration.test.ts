// Moving the sample organisation from pair groups (users.yml) to teams (samples/teams.yml)
// that give the same access, end to end through dist/index.js: the plan's summary line says
// that no one's access changes, the access review shows nothing, and after apply everyone can
// assume exactly what they could before, now through one group per team.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestEvent, REPO_ROOT } from '../support/harness/index.ts';
import { MASTER, PR_NUMBER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import { countBy, expectExit, logOf, mutatingCalls, SAMPLE_GROUPS } from './apply-helpers.ts';
import { commitBase, planMarkdown, replaceIn, summaryLine } from './plan-helpers.ts';

let s: Scenario;
beforeEach(async () => {
  s = await startScenario();
});
afterEach(async () => s.close());

/** Who can assume what, as `list` reads it from AWS: user -> `account.role (level)`. */
const effectiveAccess = async (): Promise<Record<string, string[]>> => {
  const listed = await s.dispatch('list');
  expectExit(listed, 0);
  const json = JSON.parse(readFileSync(listed.outputs['plan-json'] ?? '', 'utf8')) as {
    access: { userName: string; roles: { group: string; level: string; roleArn: string }[] }[];
  };
  return Object.fromEntries(
    json.access.map((u) => [u.userName, u.roles.map((r) => `${r.group} (${r.level}) ${r.roleArn}`).sort()]),
  );
};

test('from pair groups to teams with the same access: "no one\'s access changes", an empty review, the same access after apply', async () => {
  expectExit(await s.apply(), 0);
  const before = await effectiveAccess();
  expect(Object.keys(before)).toEqual(['alice', 'bob', 'carol', 'dave']);
  const baseSha = commitBase(s);

  cpSync(join(REPO_ROOT, 'samples', 'teams.yml'), join(s.workspace, 'teams.yml'));
  replaceIn(s, 'rolemodel.yml', 'users: users.yml\n', 'users: users.yml\nteams: teams.yml\n');
  s.write('users.yml', '# Everyone is in a team now: see teams.yml.\n');
  const planned = await s.plan({
    event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access', baseSha }),
  });
  expectExit(planned, 0);

  const markdown = planMarkdown(planned);
  expect(summaryLine(markdown)).toBe(
    "3 accounts change · 6 groups created · 6 members added · 12 removed · no one's access changes (only groups)",
  );
  const comment = planComments(s)[0] ?? '';
  expect(comment).not.toContain('Access escalation');
  expect(comment).not.toContain('### Access changes');
  expect(planned.outputs['escalations']).toBe('0');
  expect(JSON.parse(planned.outputs['access-changes'] ?? 'null')).toMatchObject({
    escalations: 0,
    baseTemplate: 'compared',
    users: [],
    warnings: [],
  });
  // The removals are changes made in git, not drift.
  expect(comment).not.toContain('outside git');

  const applied = await s.apply();
  expectExit(applied, 0);
  expect(await effectiveAccess()).toEqual(before);
  const groups = s.aws.iamState(MASTER).groups;
  expect(groups.filter((g) => SAMPLE_GROUPS.includes(g.name)).flatMap((g) => g.members)).toEqual([]);
  expect(
    groups
      .filter((g) => g.name.startsWith('team-'))
      .map((g) => [g.name, g.members])
      .sort(),
  ).toEqual([
    ['team-auditors', []],
    ['team-finance', ['dave']],
    ['team-operations', ['bob']],
    ['team-platform-leads', ['alice', 'bob']],
    ['team-prod-admins', ['alice']],
    ['team-support', ['carol']],
  ]);
  const again = await s.apply();
  expect(countBy(mutatingCalls(logOf(again)))).toEqual({});
});
