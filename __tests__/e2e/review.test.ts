// Apply grants nothing beyond what a reviewed plan showed. Every plan comment records the
// access its plan results in; apply finds the merged pull request of the pushed commit, reads
// that record, and refuses a widening no reviewed plan showed, before any change.
import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeSha } from '../support/github-emulator/sha.ts';
import { pullRequestEvent, pushEvent } from '../support/harness/index.ts';
import type { RunnerEvent, RunResult } from '../support/harness/index.ts';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import { encodeFingerprint, fingerprintInComment, fingerprintLine } from '../../src/core/review/encoding.ts';
import { plain } from './plan-helpers.ts';
import { MASTER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPO = 'octo-org/access';
const FILES = ['rolemodel.yml', 'roles.yml', 'users.yml'];

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario({ users: ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory'] });
});
afterEach(async () => scenario.close());

const commit = (name: string): string => scenario.commit(name, REPO);

const planPullRequest = (number: number, head: string, base: string) =>
  scenario.plan({ event: pullRequestEvent({ number, repository: REPO, headSha: head, baseSha: base }) });

/** A push to main that brought `commits` (the last one its head). */
const pushOf = (before: string, commits: readonly string[]): RunnerEvent => {
  const after = commits[commits.length - 1] ?? '';
  const event = pushEvent({ repository: REPO, ref: 'refs/heads/main', before, after });
  return { ...event, payload: { ...event.payload, commits: commits.map((id) => ({ id })) } };
};

const applyPush = (before: string, commits: readonly string[], inputs: Record<string, string> = {}) =>
  scenario.apply({ event: pushOf(before, commits), inputs: { command: 'auto', ...inputs } });

const mutating = (result: RunResult<AwsEmulator>) => (result.aws?.requestLog ?? []).filter((e) => e.mutating);

const members = (group: string): string[] =>
  scenario.aws.iamState(MASTER).groups.find((g) => g.name === group)?.members ?? [];

const addDaveToReadOnly = (): void =>
  scenario.edit('users.yml', (t) =>
    t.replace('  ReadOnlyRole:\n    - alice\n', '  ReadOnlyRole:\n    - alice\n    - dave\n'),
  );

const giveReadOnlyEverything = (): void =>
  scenario.edit('roles.yml', (t) =>
    t.replace(
      '      ManagedPolicyArns:\n        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\n',
      "      Policies:\n        - PolicyName: Everything\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: '*'\n                Resource: '*'\n      ManagedPolicyArns:\n        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\n",
    ),
  );

/** The samples, reviewed in #1 and applied: the organisation every test starts from. */
const applySamples = async (): Promise<string> => {
  const empty = fakeSha('empty');
  scenario.github.seedCommit(REPO, empty, {});
  const main = commit('main');
  expect((await planPullRequest(1, main, empty)).exitCode).toBe(0);
  scenario.github.mergePullRequest(REPO, 1, { commits: [main] });
  const applied = await applyPush(empty, [main]);
  expect(applied.exitCode).toBe(0);
  return main;
};

describe('two pull requests planned on the same base', () => {
  /** #11 adds dave to prod.ReadOnlyRole; #12 gives ReadOnlyRole every action. Both planned on `main`. */
  const planBoth = async (main: string) => {
    const original = Object.fromEntries(
      FILES.map((f) => [f, readFileSync(join(scenario.workspace, f), 'utf8')]),
    );
    addDaveToReadOnly();
    const a = commit('pr-11');
    expect((await planPullRequest(11, a, main)).exitCode).toBe(0);
    for (const [f, text] of Object.entries(original)) scenario.write(f, text);
    giveReadOnlyEverything();
    const b = commit('pr-12-alone');
    expect((await planPullRequest(12, b, main)).exitCode).toBe(0);
    // Both merged: main now holds both changes.
    addDaveToReadOnly();
    const merged = commit('main-after-12');
    scenario.github.mergePullRequest(REPO, 11, { commits: [a] });
    scenario.github.mergePullRequest(REPO, 12, { commits: [merged] });
    return { a, merged };
  };

  test('dave made admin by the second merge is refused before any change, and named', async () => {
    const main = await applySamples();
    const { a, merged } = await planBoth(main);
    // The first push applies #11 as reviewed: dave gains a read-only role.
    scenario.edit('roles.yml', (t) =>
      t.replace(/ {6}Policies:\n {8}- PolicyName: Everything\n(?: {10,}.*\n)+/, ''),
    );
    expect((await applyPush(main, [a])).exitCode).toBe(0);
    expect(members('prod.ReadOnlyRole')).toContain('dave');
    giveReadOnlyEverything();

    const refused = await applyPush(a, [merged]);
    expect(refused.exitCode).toBe(1);
    expect(mutating(refused)).toEqual([]);
    expect(scenario.aws.stacks('210987654321').map((s) => s.status)).not.toContain('REVIEW_IN_PROGRESS');
    expect(refused.summary).toMatch(
      /⛔ \*\*1 widening of access that no reviewed plan showed; nothing was applied\.\*\*/,
    );
    expect(plain(refused.summary)).toMatch(
      /\| \*\*dave\*\* \| keeps, at a higher level, `prod\.ReadOnlyRole` \| `admin` \| the plan of #12 did not show dave holding prod\.ReadOnlyRole at admin \(planned against [0-9a-f]{7}; the default branch has changed since\) \|/,
    );
    // alice, bob and carol were shown getting admin by #12: not listed.
    expect(refused.summary).not.toMatch(/\*\*alice\*\*/);
    const comment = scenario.github
      .comments('octo-org', 'access', 12)
      .find((c) => c.body.startsWith('<!-- rolemodel-apply -->'));
    expect(comment?.body).toMatch(/Merging did not change AWS: 1 widening/);
    expect(comment?.body).toMatch(/open a pull request/);
  });

  test('with `unreviewed: warn` the widening is applied, and reported', async () => {
    const main = await applySamples();
    const { a, merged } = await planBoth(main);
    scenario.edit('roles.yml', (t) =>
      t.replace(/ {6}Policies:\n {8}- PolicyName: Everything\n(?: {10,}.*\n)+/, ''),
    );
    expect((await applyPush(main, [a])).exitCode).toBe(0);
    giveReadOnlyEverything();
    const warned = await applyPush(a, [merged], { unreviewed: 'warn' });
    expect(warned.exitCode).toBe(0);
    expect(mutating(warned).length).toBeGreaterThan(0);
    expect(warned.annotations.map((x) => x.message).join('\n')).toMatch(
      /Applied 1 widening\(s\) of access without review \(unreviewed: warn\): dave keeps prod\.ReadOnlyRole, which now grants admin/,
    );
    expect(warned.summary).toMatch(/applied anyway/);
  });
});

test('a merged pull request whose plan matches exactly is applied, nothing reported', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('pr-21');
  expect((await planPullRequest(21, head, main)).exitCode).toBe(0);
  scenario.github.mergePullRequest(REPO, 21, { method: 'squash', commits: [head] });
  const applied = await applyPush(main, [head]);
  expect(applied.exitCode).toBe(0);
  expect(members('prod.AdminRole')).toEqual(['alice', 'erin']);
  expect(applied.summary).toMatch(
    /✅ Reviewed plans: #21; 1 widening of access checked\. Every one was shown by a reviewed plan\./,
  );
  expect(applied.annotations.filter((x) => x.severity === 'warning')).toEqual([]);
});

test('drift added by hand between plan and merge is narrowing: removed', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('pr-22');
  expect((await planPullRequest(22, head, main)).exitCode).toBe(0);
  // Added by hand in IAM after the plan was made.
  const iam = new IAMClient({
    endpoint: scenario.aws.url,
    region: 'us-east-1',
    credentials: scenario.aws.masterCredentials,
  });
  await iam.send(new AddUserToGroupCommand({ GroupName: 'prod.AdminRole', UserName: 'mallory' }));
  iam.destroy();
  scenario.github.mergePullRequest(REPO, 22, { commits: [head] });
  const applied = await applyPush(main, [head]);
  expect(applied.exitCode).toBe(0);
  expect(members('prod.AdminRole')).toEqual(['alice', 'erin']);
});

test('a rebase merge is found through any of its commits', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('pr-23');
  expect((await planPullRequest(23, head, main)).exitCode).toBe(0);
  const rebased = [fakeSha('rebased-1'), fakeSha('rebased-2'), commit('rebased-3')];
  scenario.github.mergePullRequest(REPO, 23, { method: 'rebase', commits: rebased });
  const applied = await applyPush(main, rebased);
  expect(applied.exitCode).toBe(0);
  expect(applied.summary).toMatch(/Reviewed plans: #23/);
});

test('a direct push has no reviewed plan: its widening is refused', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('direct');
  const refused = await applyPush(main, [head]);
  expect(refused.exitCode).toBe(1);
  expect(mutating(refused)).toEqual([]);
  expect(plain(refused.summary)).toMatch(
    /\*\*erin\*\* \| gains `prod\.AdminRole` \| `admin` \| no pull request merged this commit \(a direct push\), so no plan was reviewed \|/,
  );
  expect(members('prod.AdminRole')).toEqual(['alice']);
});

test('a deleted plan comment leaves nothing reviewed: refused, and said so', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('pr-24');
  expect((await planPullRequest(24, head, main)).exitCode).toBe(0);
  const [planComment] = scenario.github.comments('octo-org', 'access', 24);
  await fetch(`${scenario.github.url}/repos/${REPO}/issues/comments/${planComment?.id ?? 0}`, {
    method: 'DELETE',
    headers: { authorization: `token ${scenario.github.token}` },
  });
  expect(planComments(scenario)).toEqual([]);
  scenario.github.mergePullRequest(REPO, 24, { commits: [head] });
  const refused = await applyPush(main, [head]);
  expect(refused.exitCode).toBe(1);
  expect(mutating(refused)).toEqual([]);
  expect(plain(refused.summary)).toMatch(/the plan comment of #24 is missing, or holds no reviewed result/);
});

describe('the rolemodel/plan status on the head commit', () => {
  test('success with the summary line when the plan is clean; failure when the files have errors', async () => {
    const head = fakeSha('status-head');
    expect((await planPullRequest(31, head, fakeSha('status-base'))).exitCode).toBe(0);
    expect(scenario.github.statuses(REPO, head).filter((s) => s.context === 'rolemodel/plan')).toEqual([
      {
        context: 'rolemodel/plan',
        state: 'success',
        description:
          '3 accounts change · 3 stacks created · 12 resource changes · 12 groups created · 12 members added',
      },
    ]);
    scenario.edit('users.yml', (t) => t.replace('    - dave\n', '    - nobody-here\n'));
    const broken = fakeSha('status-broken');
    expect((await planPullRequest(31, broken, fakeSha('status-base'))).exitCode).toBe(1);
    expect(scenario.github.statuses(REPO, broken).filter((s) => s.context === 'rolemodel/plan')).toEqual([
      expect.objectContaining({
        context: 'rolemodel/plan',
        state: 'failure',
        description: expect.stringMatching(/^The plan has problems/),
      }),
    ]);
  });

  test('a status that cannot be set fails the run and says which permission it needs', async () => {
    scenario.github.failRequests({ method: 'POST', path: /\/statuses\//, status: 403 });
    const result = await planPullRequest(32, fakeSha('status-denied'), fakeSha('status-base'));
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message).join('\n')).toMatch(
      /The pull request's check is not up to date: the rolemodel\/plan status could not be set .*statuses: write/,
    );
  });
});

test('a plan comment whose reviewed result was edited counts for nothing', async () => {
  const main = await applySamples();
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - erin\n'),
  );
  const head = commit('pr-25');
  expect((await planPullRequest(25, head, main)).exitCode).toBe(0);
  // Someone with a token edits the bot's comment: mallory is "reviewed" as an admin of prod.
  const [planComment] = scenario.github.comments('octo-org', 'access', 25);
  const genuine = fingerprintInComment(planComment?.body ?? '');
  if (genuine === undefined) throw new Error('the plan comment holds no fingerprint');
  const forged = encodeFingerprint({
    ...genuine,
    access: { ...genuine.access, mallory: ['prod.AdminRole'] },
  });
  await fetch(`${scenario.github.url}/repos/${REPO}/issues/comments/${planComment?.id ?? 0}`, {
    method: 'PATCH',
    headers: { authorization: `token ${scenario.github.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      body: (planComment?.body ?? '').replace(/<!-- rolemodel-fingerprint: \S+ -->/, fingerprintLine(forged)),
    }),
  });
  // mallory is slipped into the merge.
  scenario.edit('users.yml', (t) => t.replace('    - erin\n', '    - erin\n    - mallory\n'));
  const merged = commit('pr-25-merged');
  scenario.github.mergePullRequest(REPO, 25, { commits: [merged] });
  const refused = await applyPush(main, [merged]);
  expect(refused.exitCode).toBe(1);
  expect(mutating(refused)).toEqual([]);
  expect(plain(refused.summary)).toMatch(
    /\*\*mallory\*\* \| gains `prod\.AdminRole` .*does not match the pull request's files at the commit merged/,
  );
  expect(members('prod.AdminRole')).toEqual(['alice']);
});
