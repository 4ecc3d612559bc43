// The scheduled run through dist/index.js against the emulators: grants that ended are removed
// and nothing else changes; drift is reported in one issue (opened, updated in place, closed)
// and removed only with `repair-drift: true`; grants that end soon are listed. The run's "now"
// comes from ROLEMODEL_NOW, never from waiting.
import { readFileSync } from 'node:fs';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import { scheduleEvent, workflowDispatchEvent } from '../support/harness/index.ts';
import type { RunResult } from '../support/harness/index.ts';
import { AddUserToGroupCommand } from '@aws-sdk/client-iam';
import {
  byHand,
  convergedSampleState,
  countBy,
  describeRun,
  expectExit,
  logOf,
  mutatingCalls,
  normalState,
  plainText,
} from './apply-helpers.ts';
import { replaceIn } from './plan-helpers.ts';
import { startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPOSITORY = 'octo-org/access';
const [OWNER, REPO] = REPOSITORY.split('/') as [string, string];
const DRIFT_MARKER = '<!-- rolemodel-drift -->';

/** When the grants below were applied, and an hour after dave's grant ended. */
const APPLIED_AT = '2026-03-01T09:00:00Z';
const DAVE_ENDS = '2026-03-01T12:00:00Z';
const HOUR_AFTER = '2026-03-01T13:00:00Z';

let current: Scenario | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const start = async (): Promise<Scenario> => {
  current = await startScenario();
  return current;
};

/** dave in prod.AdminRole until noon, bob in staging.ReadOnlyRole through 2026-03-05. */
const timeBoxed = (s: Scenario): void => {
  replaceIn(
    s,
    'users.yml',
    '  AdminRole:\n    - alice\n  SuperUserRole:',
    `  AdminRole:\n    - alice\n    - { user: dave, until: "${DAVE_ENDS}", reason: "INC-4711 database failover" }\n  SuperUserRole:`,
  );
  replaceIn(
    s,
    'users.yml',
    '  ReadOnlyRole:\n    - carol\n',
    '  ReadOnlyRole:\n    - carol\n    - user: bob\n      until: 2026-03-05\n      reason: migration\n',
  );
};

const at = (time: string) => ({ env: { ROLEMODEL_NOW: time } });

/** A scheduled run (`command: auto`) at `time`. */
const scheduled = (s: Scenario, time: string, inputs: Record<string, string> = {}) =>
  s.apply({
    event: scheduleEvent({ repository: REPOSITORY }),
    inputs: { command: 'auto', ...inputs },
    ...at(time),
  });

interface ExpireJson {
  readonly command: string;
  readonly removed: readonly { group: string; userName: string; origin: string; state: string }[];
  readonly differs: boolean;
  readonly expiring: readonly { user: string; group: string; until: string; daysLeft: number }[];
  readonly plan: { readonly groups: readonly { name: string; expired?: readonly { userName: string }[] }[] };
}

const expireJson = (result: RunResult<AwsEmulator>): ExpireJson =>
  JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as ExpireJson;

const membersOf = (s: Scenario, group: string): string[] =>
  [...(s.aws.iamState('123456789012').groups.find((g) => g.name === group)?.members ?? [])].sort();

const driftIssues = (s: Scenario) =>
  s.github.issues(OWNER, REPO).filter((i) => i.labels.some((l) => l.name === 'rolemodel-drift'));

describe('the scheduled run (command: expire)', () => {
  test('a grant that ended an hour ago is removed, and nothing else changes', async () => {
    const s = await start();
    timeBoxed(s);
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice', 'dave']);
    expect(membersOf(s, 'staging.ReadOnlyRole')).toEqual(['bob', 'carol']);

    const result = await scheduled(s, HOUR_AFTER);
    expectExit(result, 0);
    // One mutating call, the removal; the plan of main was read with review change sets only.
    expect(countBy(mutatingCalls(logOf(result)))).toEqual({ 'iam:RemoveUserFromGroup': 1 });
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice']);
    // Everything else is as the samples converge, bob's grant (not ended) included.
    const state = normalState(s.aws);
    const expected = convergedSampleState();
    const withBob = expected.groups.map((g) =>
      g.name === 'staging.ReadOnlyRole' ? { ...g, members: ['bob', 'carol'] } : g,
    );
    expect(state).toEqual({ ...expected, groups: withBob });

    const json = expireJson(result);
    expect(json.command).toBe('expire');
    expect(json.removed).toEqual([
      { group: 'prod.AdminRole', userName: 'dave', origin: 'expired', state: 'done' },
    ]);
    expect(json.differs).toBe(false);
    expect(result.outputs['has-changes']).toBe('false');
    // The ended entry is still in the file: listed as one that can be removed.
    expect(json.plan.groups.find((g) => g.name === 'prod.AdminRole')?.expired).toEqual([
      expect.objectContaining({ userName: 'dave' }),
    ]);
    const summary = plainText(result.summary);
    expect(summary).toContain('## RoleModel expire');
    expect(summary).toMatch(/\| ✅ \| `dave` \| `prod.AdminRole` \| grant ended \| removed \|/);
    expect(summary).toContain('### Grants that have ended');
    expect(summary).toMatch(
      /\| `dave` \| `prod.AdminRole` \| until 2026-03-01T12:00:00Z, ended 1 hour ago \| INC-4711 database failover \| `users.yml:\d+` \|/,
    );
    expect(summary).toContain('AWS matches the default branch');
    // AWS and main agree: no drift issue was opened.
    expect(driftIssues(s)).toEqual([]);

    // The grant ending within a week is listed, in the summary and the `expiring` output.
    expect(JSON.parse(result.outputs['expiring'] ?? '')).toEqual([
      {
        user: 'bob',
        account: 'staging',
        role: 'ReadOnlyRole',
        group: 'staging.ReadOnlyRole',
        until: '2026-03-05',
        endsAt: '2026-03-06T00:00:00.000Z',
        daysLeft: 4,
        reason: 'migration',
      },
    ]);
    expect(summary).toMatch(
      /\| `bob` \| `staging.ReadOnlyRole` \| until 2026-03-05, in 4 days \| migration \|/,
    );

    // Run again: nothing to do, not a single mutating call.
    const again = await scheduled(s, HOUR_AFTER, { 'expiring-within': '3' });
    expectExit(again, 0);
    expect(mutatingCalls(logOf(again))).toEqual([]);
    expect(expireJson(again).removed).toEqual([]);
    expect(again.outputs['expiring']).toBe('[]');
  });

  test('drift is reported in one issue, not removed; updated in place; removed with repair-drift; then the issue is closed', async () => {
    const s = await start();
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    await byHand(s.aws, (iam) =>
      iam.send(new AddUserToGroupCommand({ GroupName: 'prod.AdminRole', UserName: 'carol' })),
    );

    // 1. Reported, not removed: the issue opens with the plan of main against AWS.
    const first = await scheduled(s, HOUR_AFTER);
    expectExit(first, 0);
    expect(mutatingCalls(logOf(first))).toEqual([]);
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice', 'carol']);
    expect(first.outputs['has-changes']).toBe('true');
    const opened = driftIssues(s);
    expect(opened).toHaveLength(1);
    const issue = opened[0];
    if (issue === undefined) throw new Error(describeRun(first));
    expect(issue.state).toBe('open');
    expect(issue.title).toBe('RoleModel: AWS differs from the default branch');
    expect(issue.user.type).toBe('Bot');
    expect(issue.body?.startsWith(`${DRIFT_MARKER}\n`)).toBe(true);
    const body = plainText(issue.body ?? '');
    expect(body).toContain('## RoleModel plan');
    expect(body).toContain('1 member removed (1 outside git)');
    expect(body).toContain('| `carol` |  | `prod.AdminRole` (admin) (outside git) |');
    expect(body).toContain('repair-drift: true');
    expect(
      first.annotations
        .filter((a) => a.severity === 'warning')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/AWS differs from the default branch/);

    // 2. More drift: the same issue, its body replaced; no second issue.
    await byHand(s.aws, (iam) =>
      iam.send(new AddUserToGroupCommand({ GroupName: 'cdn.AdminRole', UserName: 'bob' })),
    );
    const second = await scheduled(s, '2026-03-01T14:00:00Z');
    expectExit(second, 0);
    expect(driftIssues(s).map((i) => i.number)).toEqual([issue.number]);
    expect(plainText(driftIssues(s)[0]?.body ?? '')).toContain('2 members removed (2 outside git)');
    const writes = (result: RunResult<AwsEmulator>) =>
      (result.github?.requestLog ?? []).filter((e) => e.method !== 'GET').map((e) => `${e.method} ${e.path}`);
    expect(writes(second)).toEqual([`PATCH /repos/${REPOSITORY}/issues/${issue.number}`]);

    // 3. Nothing new: the issue is left as it is.
    const third = await scheduled(s, '2026-03-01T14:00:00Z');
    expectExit(third, 0);
    expect(writes(third)).toEqual([]);

    // 4. repair-drift: both are removed (narrowing), AWS agrees with main, the issue is closed.
    const repaired = await scheduled(s, '2026-03-01T15:00:00Z', { 'repair-drift': 'true' });
    expectExit(repaired, 0);
    expect(countBy(mutatingCalls(logOf(repaired)))).toEqual({ 'iam:RemoveUserFromGroup': 2 });
    expect(normalState(s.aws)).toEqual(convergedSampleState());
    expect(expireJson(repaired).removed.map((r) => [r.group, r.userName, r.origin, r.state])).toEqual([
      ['cdn.AdminRole', 'bob', 'drift', 'done'],
      ['prod.AdminRole', 'carol', 'drift', 'done'],
    ]);
    expect(repaired.outputs['has-changes']).toBe('false');
    const closed = driftIssues(s);
    expect(closed.map((i) => [i.number, i.state, i.state_reason])).toEqual([
      [issue.number, 'closed', 'completed'],
    ]);
    const comments = s.github.comments(OWNER, REPO, issue.number).map((c) => plainText(c.body));
    expect(comments).toEqual([
      expect.stringMatching(/^AWS matches the default branch .* again, as of 2026-03-01T15:00:00.000Z/),
    ]);

    // 5. Still in agreement: no issue is touched, none opened.
    const quiet = await scheduled(s, '2026-03-01T16:00:00Z', { 'repair-drift': 'true' });
    expectExit(quiet, 0);
    expect(writes(quiet)).toEqual([]);
    expect(s.github.issues(OWNER, REPO)).toHaveLength(1);
  });

  test('what the default branch would widen is never done by the scheduled run, even with repair-drift; the issue shows it', async () => {
    const s = await start();
    timeBoxed(s);
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    // Merged but not applied: carol into prod.AdminRole, and a new group's worth of access.
    replaceIn(s, 'users.yml', '  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - carol\n');
    replaceIn(s, 'users.yml', 'cdn:\n', 'cdn:\n  AdminRole:\n    - dave\n');
    const result = await scheduled(s, HOUR_AFTER, { 'repair-drift': 'true' });
    expectExit(result, 0);
    expect(countBy(mutatingCalls(logOf(result)))).toEqual({ 'iam:RemoveUserFromGroup': 1 });
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice']);
    expect(membersOf(s, 'cdn.AdminRole')).toEqual([]);
    const body = plainText(driftIssues(s)[0]?.body ?? '');
    expect(body).toContain('🔴 **Access escalation: 2 warnings');
    expect(body).toMatch(/\*\*carol\*\* gains \*\*admin\*\* in `prod`/);
    expect(body).toMatch(/\*\*dave\*\* gains \*\*admin\*\* in `cdn`/);
  });

  test("a person's issue with the marker is never taken for the drift issue", async () => {
    const s = await start();
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    s.github.seedIssue(REPOSITORY, {
      title: 'RoleModel: AWS differs from the default branch',
      body: `${DRIFT_MARKER}\nKeep this text`,
      labels: ['rolemodel-drift'],
      user: 'mallory',
    });
    await byHand(s.aws, (iam) =>
      iam.send(new AddUserToGroupCommand({ GroupName: 'prod.AdminRole', UserName: 'carol' })),
    );
    const result = await scheduled(s, HOUR_AFTER);
    expectExit(result, 0);
    const issues = driftIssues(s);
    expect(issues.map((i) => [i.user.login, i.body?.startsWith(DRIFT_MARKER)])).toEqual([
      ['mallory', true],
      ['github-actions[bot]', true],
    ]);
    expect(issues[0]?.body).toBe(`${DRIFT_MARKER}\nKeep this text`);
  });

  test('a workflow_dispatch with command: expire on the default branch runs it; on another branch it is refused', async () => {
    const s = await start();
    timeBoxed(s);
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    const elsewhere = await s.dispatch('expire', {
      event: workflowDispatchEvent({
        inputs: { command: 'expire' },
        repository: REPOSITORY,
        ref: 'refs/heads/feature',
      }),
      ...at(HOUR_AFTER),
    });
    expectExit(elsewhere, 1);
    expect(logOf(elsewhere)).toEqual([]);
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice', 'dave']);

    const onMain = await s.dispatch('expire', at(HOUR_AFTER));
    expectExit(onMain, 0);
    expect(membersOf(s, 'prod.AdminRole')).toEqual(['alice']);
  });

  test('the drift issue cannot be written: the run fails and its summary says so', async () => {
    const s = await start();
    expectExit(await s.apply(at(APPLIED_AT)), 0);
    await byHand(s.aws, (iam) =>
      iam.send(new AddUserToGroupCommand({ GroupName: 'prod.AdminRole', UserName: 'carol' })),
    );
    s.github.failRequests({ method: 'POST', path: `/repos/${REPOSITORY}/issues` });
    const result = await scheduled(s, HOUR_AFTER);
    expectExit(result, 1);
    expect(result.summary).toMatch(/^⛔ \*\*The `rolemodel-drift` issue could not be updated\*\*/);
    expect(
      result.annotations
        .filter((a) => a.severity === 'error')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/permissions: issues: write/);
  });
});
