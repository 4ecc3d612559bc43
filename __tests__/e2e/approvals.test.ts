// Escalations need the right approval: the `rolemodel/approval` status on a pull request's
// head turns green only when every escalation the base branch's config guards has an
// approving review on that commit, from one of its approvers who is not the author.
import { pullRequestEvent, pushEvent } from '../support/harness/index.ts';
import type { RunnerEvent } from '../support/harness/index.ts';
import { plain } from './plan-helpers.ts';
import { MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

const REPO = 'octo-org/access';
const PR = 41;
const AUTHOR = 'octocat';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  scenario.github.addTeam('octo-org', 'security', ['sec-lead']);
});
afterEach(async () => scenario.close());

const APPROVALS = 'approvals:\n  admin: [octo-org/security]\n  trust-widened: [octo-org/security]\n';

const commit = (name: string): string => scenario.commit(name, REPO);

/** The samples with the approval rules, applied: the base every pull request starts from. */
const start = async (approvals = APPROVALS): Promise<string> => {
  scenario.edit('rolemodel.yml', (t) => `${t}\n${approvals}`);
  expect((await scenario.apply()).exitCode).toBe(0);
  return commit('base');
};

const planAt = (head: string, base: string) =>
  scenario.plan({
    event: pullRequestEvent({ number: PR, repository: REPO, headSha: head, baseSha: base, actor: AUTHOR }),
  });

/** A review submitted (or dismissed) on the pull request, as its `pull_request_review` event. */
const reviewEvent = (head: string, base: string): RunnerEvent => {
  const event = pullRequestEvent({
    number: PR,
    repository: REPO,
    headSha: head,
    baseSha: base,
    actor: AUTHOR,
  });
  return {
    ...event,
    name: 'pull_request_review',
    payload: { ...event.payload, action: 'submitted', review: { state: 'approved' } },
  };
};

const reviewed = (head: string, base: string) => scenario.plan({ event: reviewEvent(head, base) });

const approval = (sha: string) =>
  scenario.github
    .statuses(REPO, sha)
    .filter((s) => s.context === 'rolemodel/approval')
    .at(-1);

const grantCarolAdmin = () =>
  scenario.edit('users.yml', (t) =>
    t.replace('  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - carol\n'),
  );

test('an admin grant is pending, naming the approver it needs; approvals by the author or a non-approver do not count', async () => {
  const base = await start();
  grantCarolAdmin();
  const head = commit('head-1');
  const planned = await planAt(head, base);
  expect(planned.exitCode).toBe(0);
  expect(approval(head)).toEqual({
    context: 'rolemodel/approval',
    state: 'pending',
    description: 'Needs approval: admin from octo-org/security.',
  });
  expect(plain(planned.summary)).toMatch(
    /🔐 \*\*This change needs the approval of:\*\*.*\n\n- `admin`: `octo-org\/security` \(carol gains prod\.AdminRole\)/,
  );

  scenario.github.submitReview(REPO, PR, { user: AUTHOR, state: 'APPROVED', commitId: head });
  scenario.github.submitReview(REPO, PR, { user: 'mallory-gh', state: 'APPROVED', commitId: head });
  scenario.github.setTeamsReadable(true);
  const again = await reviewed(head, base);
  expect(again.exitCode).toBe(0);
  // No AWS call: the plan comment's record is reused.
  expect(again.aws?.requestLog ?? []).toEqual([]);
  expect(approval(head)?.state).toBe('pending');
});

test('an approval by a member of the approving team turns it green; a new push or a dismissal turns it back', async () => {
  const base = await start();
  grantCarolAdmin();
  const head = commit('head-2');
  await planAt(head, base);
  scenario.github.setTeamsReadable(true);
  const review = scenario.github.submitReview(REPO, PR, {
    user: 'sec-lead',
    state: 'APPROVED',
    commitId: head,
  });
  await reviewed(head, base);
  expect(approval(head)).toEqual({
    context: 'rolemodel/approval',
    state: 'success',
    description: 'Approved: admin by sec-lead.',
  });

  // A new push: the approval was of the older commit.
  scenario.edit('users.yml', (t) => t.replace('    - dave\n', '    - dave\n    - erin\n'));
  const pushed = commit('head-3');
  await planAt(pushed, base);
  expect(approval(pushed)?.state).toBe('pending');

  // Back on the approved commit, the approval is dismissed.
  scenario.github.dismissReview(REPO, PR, review);
  await reviewed(head, base);
  expect(approval(head)?.state).toBe('pending');
});

test('a read-only grant needs no approval: success at once', async () => {
  const base = await start();
  scenario.edit('users.yml', (t) =>
    t.replace('  ReadOnlyRole:\n    - alice\n', '  ReadOnlyRole:\n    - alice\n    - dave\n'),
  );
  const head = commit('head-4');
  await planAt(head, base);
  expect(approval(head)).toEqual({
    context: 'rolemodel/approval',
    state: 'success',
    description: 'No escalation that needs an approval.',
  });
});

test('a team the token cannot read is said plainly', async () => {
  const base = await start();
  grantCarolAdmin();
  const head = commit('head-5');
  await planAt(head, base);
  scenario.github.submitReview(REPO, PR, { user: 'sec-lead', state: 'APPROVED', commitId: head });
  await reviewed(head, base);
  expect(approval(head)).toEqual({
    context: 'rolemodel/approval',
    state: 'pending',
    description:
      'Cannot read team octo-org/security with this token: use a GitHub App token as github-token, or list logins.',
  });
});

test("a pull request cannot name its own approvers: the base branch's count, and changing them is guarded", async () => {
  const base = await start();
  grantCarolAdmin();
  // The pull request names a friend as the approver of admin grants, and the friend approves.
  scenario.edit('rolemodel.yml', (t) => t.replace('admin: [octo-org/security]', 'admin: [mallory-gh]'));
  const head = commit('head-6');
  await planAt(head, base);
  scenario.github.submitReview(REPO, PR, { user: 'mallory-gh', state: 'APPROVED', commitId: head });
  scenario.github.setTeamsReadable(true);
  await reviewed(head, base);
  expect(approval(head)?.description).toBe(
    'Needs approval: admin from octo-org/security; approvals from octo-org/security.',
  );
});

test('apply refuses the widening of a pull request merged while its approval was pending', async () => {
  const base = await start();
  grantCarolAdmin();
  const head = commit('head-7');
  expect((await planAt(head, base)).exitCode).toBe(0);
  expect(approval(head)?.state).toBe('pending');
  scenario.github.mergePullRequest(REPO, PR, { commits: [head] });
  const event = pushEvent({ repository: REPO, ref: 'refs/heads/main', before: base, after: head });
  const refused = await scenario.apply({ event, inputs: { command: 'auto' } });
  expect(refused.exitCode).toBe(1);
  expect((refused.aws?.requestLog ?? []).filter((e) => e.mutating)).toEqual([]);
  expect(plain(refused.summary)).toMatch(
    /\*\*carol\*\* \| gains `prod\.AdminRole` \| `admin` \| #41 showed it, but was merged without the approval its admin escalation needs/,
  );
  expect(scenario.aws.iamState(MASTER).groups.find((g) => g.name === 'prod.AdminRole')?.members).toEqual([
    'alice',
  ]);
});
