// Teams and grant ends under the review rules, through dist/index.js against the emulators: what
// a pull request author or a direct push could do with them that no reviewed plan showed (an end
// moved later, an account pointed elsewhere, a comment stripped of its escalations) is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFingerprint, fingerprintInComment, fingerprintLine } from '../../src/core/review/encoding.ts';
import { fakeSha } from '../support/github-emulator/sha.ts';
import { pullRequestEvent, pushEvent } from '../support/harness/index.ts';
import type { RunnerEvent } from '../support/harness/index.ts';
import { expectExit, logOf, mutatingCalls } from './apply-helpers.ts';
import { addAccount, plain } from './plan-helpers.ts';
import { MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPO = 'octo-org/access';
const FILES = ['rolemodel.yml', 'roles.yml', 'users.yml', 'teams.yml'];
const at = (time: string) => ({ ROLEMODEL_NOW: time });
const NOW = '2026-03-01T09:00:00Z';

let s: Scenario;
beforeEach(async () => {
  s = await startScenario({ users: ['alice', 'bob', 'carol', 'dave', 'erin', 'mallory'] });
});
afterEach(async () => s.close());

const replaceIn = (file: string, from: string, to: string): void =>
  s.edit(file, (text) => {
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    return text.replace(from, to);
  });

const useTeams = (teams: string): void => {
  replaceIn('rolemodel.yml', 'users: users.yml\n', 'users: users.yml\nteams: teams.yml\n');
  s.write('teams.yml', teams);
};

const commit = (name: string): string => s.commit(name, REPO, FILES);

const planPullRequest = (number: number, head: string, base: string, time = NOW) =>
  s.plan({
    event: pullRequestEvent({ number, repository: REPO, headSha: head, baseSha: base }),
    env: at(time),
  });

const pushOf = (before: string, commits: readonly string[]): RunnerEvent => {
  const after = commits[commits.length - 1] ?? '';
  const event = pushEvent({ repository: REPO, ref: 'refs/heads/main', before, after });
  return { ...event, payload: { ...event.payload, commits: commits.map((id) => ({ id })) } };
};

const applyPush = (before: string, commits: readonly string[], time = NOW) =>
  s.apply({ event: pushOf(before, commits), inputs: { command: 'auto' }, env: at(time) });

/** Changes to access: IAM writes and executed change sets (a review's change set and its stack deleted again are not). */
const accessChanges = (result: Parameters<typeof logOf>[0]) =>
  mutatingCalls(logOf(result))
    .filter((e) => e.service === 'iam' || e.operation === 'ExecuteChangeSet')
    .map((e) => e.operation);

const teamMembers = (): string[] =>
  s.aws.iamState(MASTER).groups.find((g) => g.name === 'team-sre')?.members ?? [];

/** The files, reviewed in #1 and applied: what every attack starts from. */
const applyReviewed = async (): Promise<string> => {
  const empty = fakeSha('empty');
  s.github.seedCommit(REPO, empty, {});
  const main = commit('main');
  expectExit(await planPullRequest(1, main, empty), 0);
  s.github.mergePullRequest(REPO, 1, { commits: [main] });
  expectExit(await applyPush(empty, [main]), 0);
  return main;
};

const TIMED = `sre:
  members:
    - carol
    - { user: dave, until: "2026-03-01T12:00:00Z", reason: "INC-4711 failover" }
  grants:
    '*': [AdminRole]
`;

test('a direct push that extends a time-boxed team membership is refused: dave does not keep admin past the reviewed end', async () => {
  useTeams(TIMED);
  const main = await applyReviewed();
  expect(teamMembers()).toEqual(['carol', 'dave']);
  replaceIn('teams.yml', 'until: "2026-03-01T12:00:00Z"', 'until: "2030-01-01T00:00:00Z"');
  const direct = commit('direct-extend');
  const pushed = await applyPush(main, [direct]);
  expect(pushed.exitCode).toBe(1);
  expect(plain(pushed.summary)).toMatch(/\*\*dave\*\* \| keeps, longer, `prod\.AdminRole`/);
  expect(plain(pushed.summary)).toMatch(/no pull request merged this commit \(a direct push\)/);
  expect(mutatingCalls(logOf(pushed))).toEqual([]);
});

test('the same extension through a reviewed pull request is applied', async () => {
  useTeams(TIMED);
  const main = await applyReviewed();
  replaceIn('teams.yml', 'until: "2026-03-01T12:00:00Z"', 'until: "2026-03-02T12:00:00Z"');
  const head = commit('pr-2');
  expectExit(await planPullRequest(2, head, main), 0);
  s.github.mergePullRequest(REPO, 2, { commits: [head] });
  const applied = await applyPush(main, [head]);
  expectExit(applied, 0);
  expect(applied.summary).toMatch(/Every one was shown by a reviewed plan/);
  expect(teamMembers()).toEqual(['carol', 'dave']);
});

test('a merge that ends the membership later than its reviewed plan showed is refused', async () => {
  useTeams(TIMED);
  const main = await applyReviewed();
  replaceIn('teams.yml', 'until: "2026-03-01T12:00:00Z"', 'until: "2026-03-02T12:00:00Z"');
  const head = commit('pr-2');
  expectExit(await planPullRequest(2, head, main), 0);
  // The merge commit ends it a week later than #2 showed (resolved by hand, never planned).
  replaceIn('teams.yml', 'until: "2026-03-02T12:00:00Z"', 'until: "2026-03-09T12:00:00Z"');
  const merged = commit('pr-2-merge');
  s.github.mergePullRequest(REPO, 2, { commits: [merged] });
  const refused = await applyPush(main, [merged]);
  expect(refused.exitCode).toBe(1);
  expect(plain(refused.summary)).toMatch(
    /\*\*dave\*\* \| keeps, longer, `prod\.AdminRole` \| `admin` \| the plan of #2 did not show dave holding prod\.AdminRole at admin until 2026-03-09T12:00:00Z/,
  );
  expect(mutatingCalls(logOf(refused))).toEqual([]);
});

describe('an account of the config pointed at another AWS account by a direct push', () => {
  const OTHER = '510987654321';
  const repoint = (): void => {
    s.aws.seed({ accounts: { [OTHER]: { roles: [{ name: 'rolemodel-deployer' }] } } });
    replaceIn('rolemodel.yml', "'410987654321'", `'${OTHER}'`);
  };

  test('pair groups: their members would assume roles in the other account; refused before any change', async () => {
    useTeams('{}\n');
    const main = await applyReviewed();
    repoint();
    const direct = commit('direct-repoint');
    const pushed = await applyPush(main, [direct]);
    expect(pushed.exitCode).toBe(1);
    expect(plain(pushed.summary)).toMatch(/\*\*bob\*\* \| gains `cdn\.ReadOnlyRole`/);
    expect(accessChanges(pushed)).toEqual([]);
    expect(s.aws.stacks(OTHER).map((x) => x.status)).not.toContain('CREATE_COMPLETE');
  });

  test('teams: their members would assume roles in the other account; refused before any change', async () => {
    useTeams(TIMED.replace(/ {4}- \{ user: dave.*\n/, ''));
    const main = await applyReviewed();
    repoint();
    const direct = commit('direct-repoint');
    const pushed = await applyPush(main, [direct]);
    expect(pushed.exitCode).toBe(1);
    expect(plain(pushed.summary)).toMatch(/\*\*carol\*\* \| gains `cdn\.AdminRole`/);
    expect(accessChanges(pushed)).toEqual([]);
  });
});

describe('approvals of an admin grant made through a team', () => {
  const PR = 41;
  const APPROVALS = '\napprovals:\n  admin: [octo-org/security]\n';
  const SRE = `sre:\n  members:\n    - carol\n  grants:\n    '*': [AdminRole]\n`;

  /** The bot's plan comment on the pull request. */
  const planComment = () =>
    s.github.comments('octo-org', 'access', PR).find((c) => c.body.startsWith('<!-- rolemodel-plan -->'));

  /** Someone with a token rewrites the plan comment's body, as the API lets any token with write access. */
  const rewriteComment = async (change: (body: string) => string): Promise<void> => {
    const comment = planComment();
    await fetch(`${s.github.url}/repos/${REPO}/issues/comments/${comment?.id ?? 0}`, {
      method: 'PATCH',
      headers: { authorization: `token ${s.github.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: change(comment?.body ?? '') }),
    });
  };

  /** The same result recorded, no escalation. */
  const dropEscalations = async (): Promise<void> => {
    const genuine = fingerprintInComment(planComment()?.body ?? '');
    if (genuine === undefined) throw new Error('the plan comment holds no fingerprint');
    expect(genuine.escalations.length).toBeGreaterThan(0);
    const forged = encodeFingerprint({ ...genuine, escalations: [] });
    await rewriteComment((body) =>
      body.replace(/<!-- rolemodel-fingerprint: \S+ -->/, fingerprintLine(forged)),
    );
  };

  /** The samples with the approval rules and the team, applied; a pull request adds dave to it, planned. */
  const daveJoinsSre = async (): Promise<{ main: string; head: string }> => {
    s.github.addTeam('octo-org', 'security', ['sec-lead']);
    useTeams(SRE);
    s.edit('rolemodel.yml', (t) => `${t}${APPROVALS}`);
    const main = await applyReviewed();
    replaceIn('teams.yml', '    - carol\n', '    - carol\n    - dave\n');
    const head = commit('pr-41');
    expectExit(await planPullRequest(PR, head, main), 0);
    return { main, head };
  };

  test('a plan comment stripped of its escalations does not let apply grant admin without the approval', async () => {
    const { main, head } = await daveJoinsSre();
    await dropEscalations();
    s.github.mergePullRequest(REPO, PR, { commits: [head] });
    const refused = await applyPush(main, [head]);
    expect(refused.exitCode).toBe(1);
    expect(plain(refused.summary)).toMatch(
      /\*\*dave\*\* \| gains `prod\.AdminRole` \| `admin` \| #41 showed it, but was merged without the approval its admin escalation needs/,
    );
    expect(accessChanges(refused)).toEqual([]);
    expect(teamMembers()).toEqual(['carol']);
  });

  test('a plan comment stripped of its escalations does not turn rolemodel/approval green', async () => {
    const { main, head } = await daveJoinsSre();
    const status = () =>
      s.github
        .statuses(REPO, head)
        .filter((x) => x.context === 'rolemodel/approval')
        .at(-1);
    expect(status()?.state).toBe('pending');
    await dropEscalations();
    // Any review (here the author's own comment review) runs the approval check again.
    const event = pullRequestEvent({
      number: PR,
      repository: REPO,
      headSha: head,
      baseSha: main,
      actor: 'octocat',
    });
    const reviewEvent = {
      ...event,
      name: 'pull_request_review',
      payload: { ...event.payload, action: 'submitted', review: { state: 'commented' } },
    };
    const reviewed = await s.plan({ event: reviewEvent, env: at(NOW) });
    expectExit(reviewed, 0);
    expect(status()?.state).toBe('pending');

    // The record removed altogether: the files still say dave gains admin.
    await rewriteComment((body) => body.replace(/<!-- rolemodel-fingerprint: \S+ -->/, ''));
    expectExit(await s.plan({ event: reviewEvent, env: at(NOW) }), 0);
    expect(status()?.state).toBe('pending');
    expect(status()?.description).toBe('Needs approval: admin from octo-org/security.');
  });
});

test("two pull requests planned on the same base: one adds dave to a '*' team, the other an account; the second merge's grant of the new account to dave is refused", async () => {
  const SRE = `sre:\n  members:\n    - carol\n  grants:\n    '*': [AdminRole]\n`;
  useTeams(SRE);
  const main = await applyReviewed();
  const original = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(s.workspace, f), 'utf8')]));
  const addDave = () => replaceIn('teams.yml', '    - carol\n', '    - carol\n    - dave\n');
  addDave();
  const a = commit('pr-51');
  expectExit(await planPullRequest(51, a, main), 0);
  for (const [f, text] of Object.entries(original)) s.write(f, text);
  addAccount(s);
  const withAccount = readFileSync(join(s.workspace, 'rolemodel.yml'), 'utf8');
  const b = commit('pr-52');
  expectExit(await planPullRequest(52, b, main), 0);
  s.github.mergePullRequest(REPO, 51, { commits: [a] });
  for (const [f, text] of Object.entries(original)) s.write(f, text);
  addDave();
  expectExit(await applyPush(main, [a]), 0);
  expect(teamMembers()).toEqual(['carol', 'dave']);
  s.edit('rolemodel.yml', () => withAccount);
  const merged = commit('main-after-52');
  s.github.mergePullRequest(REPO, 52, { commits: [merged] });
  const refused = await applyPush(a, [merged]);
  expect(refused.exitCode).toBe(1);
  expect(plain(refused.summary)).toMatch(
    /\*\*dave\*\* \| gains `audit\.AdminRole` \| `admin` \| the plan of #52 did not show dave/,
  );
  expect(plain(refused.summary)).not.toMatch(/\*\*carol\*\*/);
  expect(accessChanges(refused)).toEqual([]);
});
