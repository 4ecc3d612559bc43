// The bundled action planning a pull request, end to end: dist/index.js run as a runner runs
// it, against the local AWS emulator (a master account and three assumable accounts) and the
// local GitHub emulator. Each test asserts what a reviewer or the workflow would see.
import type { AwsEmulatorOptions } from '../support/aws-emulator/index.ts';
import { MAX_COMMENT_BODY } from '../support/github-emulator/index.ts';
import {
  addAccount,
  addAuditorRole,
  awsLog,
  commitBase,
  errorAnnotations,
  groupNames,
  groupOf,
  NEW_ACCOUNT,
  plain,
  planJson,
  planMarkdown,
  planned,
  positionOf,
  prEvent,
  replaceIn,
  stackFacts,
  stackOf,
  summaryLine,
} from './plan-helpers.ts';
import { ACCOUNTS, MASTER, planComments, PR_NUMBER, SAMPLE_USERS, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let current: Scenario | undefined;
const start = async (options?: AwsEmulatorOptions & { users?: string[] }): Promise<Scenario> => {
  current = await startScenario(options);
  return current;
};
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** Access-change cells carry each role's level; privilege.test.ts asserts those, this file the rest. */
const withoutLevels = (markdown: string): string =>
  markdown.replace(/(`[\w+=,.@-]+\.[A-Za-z0-9]+`) \((?:admin|iam-write|write|read-only|custom)\)/g, '$1');

/** The one plan comment of the PR; fails when there is none or more than one. */
const theComment = (s: Scenario): string => {
  const comments = planComments(s);
  expect(comments).toHaveLength(1);
  return withoutLevels(comments[0] ?? '');
};

const ACCOUNT_NAMES = ['prod', 'staging', 'cdn'] as const;
const SAMPLE_GROUPS = ACCOUNT_NAMES.flatMap((a) =>
  ['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'].map((r) => `${a}.${r}`),
).sort();
const NO_STACK_TRACE = /\n\s+at .*\(.*:\d+:\d+\)/;

/** Applies the samples and checks that it worked, so a test starts from a converged org. */
const applied = async (s: Scenario): Promise<void> => {
  const result = await s.apply();
  expect(result.exitCode).toBe(0);
};

describe('dist/index.js plan on a pull request', () => {
  test('first plan on an empty organisation: three stacks, twelve groups and their members to create', async () => {
    const s = await start();
    const result = await s.plan();

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    expect(result.outputs['error-count']).toBe('0');

    const comment = theComment(s);
    expect(comment.startsWith('<!-- rolemodel-plan -->\n')).toBe(true);
    expect(summaryLine(comment)).toBe(
      '3 accounts change · 3 stacks created · 12 resource changes · 12 groups created · 12 members added',
    );
    // The three accounts create the same stack: one section names them all, its table shown once.
    const heading = `### ${Object.entries(ACCOUNTS)
      .map(([name, id]) => `${name} (${id})`)
      .join(', ')}`;
    const section = comment.slice(comment.indexOf(heading));
    expect(section).toMatch(/^### [^\n]+\n\n➕ \*\*Create\*\* stack `RoleModel`: it does not exist yet\./);
    for (const role of ['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'])
      expect(comment.split(`| + add | \`${role}\` | \`AWS::IAM::Role\` |`)).toHaveLength(2);
    // Who gets what, per user, and the groups with their members.
    expect(comment).toContain('| `alice` | `prod.AdminRole`, `prod.ReadOnlyRole`, `staging.AdminRole` |  |');
    expect(comment).toContain('| `dave` | `cdn.FinanceRole`, `prod.FinanceRole` |  |');
    expect(comment).toContain(
      '| `prod.ReadOnlyRole` | + create | _none_ → _known after apply_ | `alice`, `bob`, `carol` |  |',
    );
    expect(comment).toContain('Groups under `/RoleModel/`: 12 created · 12 policies written.');

    // The job summary and the plan-markdown file hold the same plan.
    expect(withoutLevels(result.summary).trimEnd()).toBe(comment.trimEnd());
    expect(planMarkdown(result).trimEnd()).toBe(result.summary.trimEnd());

    const json = planJson(result);
    expect(json.command).toBe('plan');
    expect(json.hasChanges).toBe(true);
    const { stacks, groups } = planned(json);
    expect(stacks.map((st) => [st.accountName, st.accountId, st.stackName, st.action])).toEqual([
      ['prod', ACCOUNTS.prod, 'RoleModel', 'create'],
      ['staging', ACCOUNTS.staging, 'RoleModel', 'create'],
      ['cdn', ACCOUNTS.cdn, 'RoleModel', 'create'],
    ]);
    for (const st of stacks)
      expect(st.changes.map((c) => `${c.action} ${c.logicalId} ${c.resourceType}`).sort()).toEqual([
        'Add AdminRole AWS::IAM::Role',
        'Add FinanceRole AWS::IAM::Role',
        'Add ReadOnlyRole AWS::IAM::Role',
        'Add SuperUserRole AWS::IAM::Role',
      ]);
    expect(groups.map((g) => g.name).sort()).toEqual(SAMPLE_GROUPS);
    expect(groups.every((g) => g.action === 'create')).toBe(true);
    expect(groups.reduce((n, g) => n + g.membersToAdd.length, 0)).toBe(12);
    expect(groupOf(json, 'prod.ReadOnlyRole').membersToAdd).toEqual(['alice', 'bob', 'carol']);
    expect(groupOf(json, 'staging.SuperUserRole').membersToAdd).toEqual([]);
  });

  test('after apply, the plan says "No changes" and has-changes is false', async () => {
    const s = await start();
    await applied(s);
    const result = await s.plan();

    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('false');
    const comment = theComment(s);
    expect(summaryLine(comment)).toBe('No changes. AWS matches the files.');
    expect(comment).toContain('Stack unchanged in: `prod`, `staging`, `cdn`.');
    expect(comment).not.toContain('### Access changes');
    expect(comment).not.toContain('### Master account');
    expect(summaryLine(result.summary)).toBe('No changes. AWS matches the files.');
    const json = planJson(result);
    expect(json.hasChanges).toBe(false);
    expect(planned(json).stacks.map((st) => st.action)).toEqual(['no-change', 'no-change', 'no-change']);
    expect(groupNames(json, 'no-change')).toEqual(SAMPLE_GROUPS);
  });

  test('a role added to the template: an Add in every account and three new groups', async () => {
    const s = await start();
    await applied(s);
    addAuditorRole(s);
    replaceIn(s, 'users.yml', 'prod:\n', 'prod:\n  AuditorRole:\n    - carol\n');
    const result = await s.plan();

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    const comment = theComment(s);
    expect(summaryLine(comment)).toBe(
      '3 accounts change · 3 stacks updated · 3 resource changes · 3 groups created · 1 member added',
    );
    {
      const heading = `### ${Object.entries(ACCOUNTS)
        .map(([name, id]) => `${name} (${id})`)
        .join(', ')}`;
      const section = comment.slice(comment.indexOf(heading));
      expect(section).toMatch(
        /^### [^\n]+\n\n✏️ \*\*Update\*\* stack `RoleModel` \(it is `CREATE_COMPLETE`\)\.\n\n\| Action \| Logical id \| Type \| Replacement \| Changes \|\n\| --- \| --- \| --- \| --- \| --- \|\n\| \+ add \| `AuditorRole` \| `AWS::IAM::Role` \|/,
      );
    }
    expect(comment).toContain('| `carol` | `prod.AuditorRole` |  |');
    for (const account of ACCOUNT_NAMES)
      expect(comment).toContain(`| \`${account}.AuditorRole\` | + create | _none_ → _known after apply_ |`);

    const json = planJson(result);
    for (const account of ACCOUNT_NAMES) {
      const stack = stackOf(json, account);
      expect(stack.action).toBe('update');
      expect(stack.changes.map((c) => [c.action, c.logicalId, c.resourceType])).toEqual([
        ['Add', 'AuditorRole', 'AWS::IAM::Role'],
      ]);
      expect(stack.replacedRoles).toEqual([]);
    }
    expect(groupNames(json, 'create')).toEqual([
      'cdn.AuditorRole',
      'prod.AuditorRole',
      'staging.AuditorRole',
    ]);
    expect(groupOf(json, 'prod.AuditorRole').membersToAdd).toEqual(['carol']);
    expect(groupNames(json, 'no-change')).toEqual(SAMPLE_GROUPS);
  });

  test('an account added to the config: a stack to create there and its groups', async () => {
    const s = await start();
    await applied(s);
    addAccount(s);
    s.edit('users.yml', (text) => `${text.trimEnd()}\n\n${NEW_ACCOUNT.name}:\n  ReadOnlyRole:\n    - dave\n`);
    const result = await s.plan();

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    const comment = theComment(s);
    expect(summaryLine(comment)).toBe(
      '1 account changes · 1 stack created · 4 resource changes · 4 groups created · 1 member added',
    );
    expect(comment).toContain('Stack unchanged in: `prod`, `staging`, `cdn`.');
    expect(comment).toContain(
      `### ${NEW_ACCOUNT.name} (${NEW_ACCOUNT.id})\n\n➕ **Create** stack \`RoleModel\`: it does not exist yet.`,
    );
    expect(comment).toContain(`| \`dave\` | \`${NEW_ACCOUNT.name}.ReadOnlyRole\` |  |`);

    const json = planJson(result);
    const stack = stackOf(json, NEW_ACCOUNT.name);
    expect([stack.accountId, stack.action]).toEqual([NEW_ACCOUNT.id, 'create']);
    expect(stack.changes.map((c) => c.logicalId).sort()).toEqual([
      'AdminRole',
      'FinanceRole',
      'ReadOnlyRole',
      'SuperUserRole',
    ]);
    for (const account of ACCOUNT_NAMES) expect(stackOf(json, account).action).toBe('no-change');
    expect(groupNames(json, 'create')).toEqual(
      ['AdminRole', 'FinanceRole', 'ReadOnlyRole', 'SuperUserRole'].map((r) => `${NEW_ACCOUNT.name}.${r}`),
    );
    expect(groupOf(json, `${NEW_ACCOUNT.name}.ReadOnlyRole`).membersToAdd).toEqual(['dave']);
    // The review left nothing behind in the new account.
    await s.aws.idle();
    expect(s.aws.stacks(NEW_ACCOUNT.id)).toEqual([]);
  });

  test('a user added and one removed: the access changes say who gains and who loses which role', async () => {
    const s = await start();
    await applied(s);
    const baseSha = commitBase(s);
    replaceIn(s, 'users.yml', '  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - dave\n');
    replaceIn(s, 'users.yml', '    - alice\n    - bob\n    - carol\n', '    - alice\n    - carol\n');
    const result = await s.plan({ event: prEvent({ baseSha }) });

    expect(result.exitCode).toBe(0);
    const comment = theComment(s);
    expect(summaryLine(comment)).toBe('1 account changes · 1 member added · 1 removed');
    expect(comment).toContain('### Access changes\n\n2 users gain or lose access.');
    expect(comment).toContain('| `bob` |  | `prod.ReadOnlyRole` |');
    expect(comment).toContain('| `dave` | `prod.AdminRole` |  |');
    // A removal made in git is not drift.
    expect(comment).not.toContain('outside git');
    expect(comment).toContain('| `prod.AdminRole` | ~ update | unchanged | `dave` |  |');
    expect(comment).toContain('| `prod.ReadOnlyRole` | ~ update | unchanged |  | `bob` |');

    const json = planJson(result);
    expect(groupOf(json, 'prod.AdminRole').membersToAdd).toEqual(['dave']);
    expect(groupOf(json, 'prod.ReadOnlyRole').membersToRemove).toEqual([{ userName: 'bob', origin: 'git' }]);
    expect(planned(json).stacks.map((st) => st.action)).toEqual(['no-change', 'no-change', 'no-change']);
  });

  test('a member added by hand in AWS is a removal marked "outside git"; one removed in git is not', async () => {
    const s = await start();
    await applied(s);
    const baseSha = commitBase(s);
    // Someone added carol to prod.AdminRole in the console, and this PR removes bob from cdn.ReadOnlyRole.
    s.aws.seed({ accounts: { [MASTER]: { groups: [{ name: 'prod.AdminRole', members: ['carol'] }] } } });
    replaceIn(s, 'users.yml', '  ReadOnlyRole:\n    - bob\n', '  ReadOnlyRole: []\n');
    const result = await s.plan({ event: prEvent({ baseSha }) });

    expect(result.exitCode).toBe(0);
    const comment = theComment(s);
    expect(summaryLine(comment)).toBe('2 accounts change · 2 members removed (1 outside git)');
    expect(comment).toContain('| `carol` |  | `prod.AdminRole` (outside git) |');
    expect(comment).toContain('| `bob` |  | `cdn.ReadOnlyRole` |');
    expect(comment).toContain('_(outside git)_: these members were added by hand in AWS');
    expect(comment).toContain('| `prod.AdminRole` | ~ update | unchanged |  | `carol` (outside git) |');
    const json = planJson(result);
    expect(groupOf(json, 'prod.AdminRole').membersToRemove).toEqual([{ userName: 'carol', origin: 'drift' }]);
    expect(groupOf(json, 'cdn.ReadOnlyRole').membersToRemove).toEqual([{ userName: 'bob', origin: 'git' }]);
  });

  test('without a pull request base to compare with, a hand-added member is "not in the user map"', async () => {
    const s = await start();
    await applied(s);
    s.aws.seed({ accounts: { [MASTER]: { groups: [{ name: 'prod.AdminRole', members: ['carol'] }] } } });
    // A plan run by hand has no base commit: the origin of the removal cannot be told.
    const result = await s.dispatch('plan');

    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    expect(summaryLine(result.summary)).toBe('1 account changes · 1 member removed');
    expect(withoutLevels(result.summary)).toContain(
      '| `carol` |  | `prod.AdminRole` (not in the user map) |',
    );
    expect(result.summary).toContain(
      '_(not in the user map)_: these members are in the group in AWS but not in the user map',
    );
    expect(result.summary).not.toContain('outside git');
    expect(groupOf(planJson(result), 'prod.AdminRole').membersToRemove).toEqual([
      { userName: 'carol', origin: 'unknown' },
    ]);
  });

  // The workspace is not a git repository (a shallow checkout without the base commit) and the
  // job has no GitHub token: nothing can tell a removal made in git from a member added by hand.
  test('a base user map that cannot be read makes removals "not in the user map", not drift', async () => {
    const s = await start();
    await applied(s);
    // This PR removes bob from cdn.ReadOnlyRole in git.
    replaceIn(s, 'users.yml', '  ReadOnlyRole:\n    - bob\n', '  ReadOnlyRole: []\n');
    const result = await s.plan({ inputs: { command: 'auto', 'github-token': '', comment: false } });

    expect(result.exitCode).toBe(0);
    // This run (the apply before it reads the base of its push) asked the contents API nothing.
    expect((result.github?.requestLog ?? []).filter((e) => /\/contents\//.test(e.path))).toEqual([]);
    expect(summaryLine(result.summary)).toBe('1 account changes · 1 member removed');
    expect(result.summary).not.toContain('outside git');
    expect(withoutLevels(result.summary)).toContain(
      '| `bob` |  | `cdn.ReadOnlyRole` (not in the user map) |',
    );
    expect(groupOf(planJson(result), 'cdn.ReadOnlyRole').membersToRemove).toEqual([
      { userName: 'bob', origin: 'unknown' },
    ]);
  });

  test('a user that does not exist in IAM: an error on its line of users.yml, in the comment, exit 1', async () => {
    const s = await start();
    replaceIn(s, 'users.yml', '    - carol\n  FinanceRole:', '    - carol\n    - mallory\n  FinanceRole:');
    const where = positionOf(s, 'users.yml', 'mallory');
    const result = await s.plan();

    expect(result.exitCode).toBe(1);
    const located = errorAnnotations(result).filter((a) => a.file !== undefined);
    expect(located.map((a) => [a.file, a.line, a.col])).toEqual([['users.yml', where.line, where.col]]);
    expect(located[0]?.message).toMatch(
      /IAM user "mallory" does not exist in the master account 123456789012\./,
    );
    expect(`${result.stdout}${result.stderr}`).not.toMatch(NO_STACK_TRACE);

    const comment = theComment(s);
    expect(summaryLine(comment)).toMatch(/^❌ 1 error · /);
    const text = plain(comment);
    expect(text).toContain(
      `| ❌ | \`users.yml:${where.line}:${where.col}\` | IAM user "mallory" does not exist`,
    );
    expect(text).toContain('create the user in IAM first, or fix the name.');
    expect(result.summary).toContain(`users.yml:${where.line}:${where.col}`);
    const json = planJson(result);
    expect(json.diagnostics?.map((d) => [d.file, d.line, d.column, d.severity])).toEqual([
      ['users.yml', where.line, where.col, 'error'],
    ]);
    // The user is not planned into any group.
    expect(planned(json).groups.some((g) => g.membersToAdd.includes('mallory'))).toBe(false);
  });

  test('a stack in ROLLBACK_COMPLETE plans as delete and recreate, quoting why it failed', async () => {
    const s = await start();
    s.aws.failResource({
      account: ACCOUNTS.prod,
      logicalId: 'AdminRole',
      operation: 'create',
      reason: 'Role limit exceeded for account',
      times: 1,
    });
    const apply = await s.apply();
    expect(apply.exitCode).toBe(1);
    expect(s.aws.stack('RoleModel', ACCOUNTS.prod)?.status).toBe('ROLLBACK_COMPLETE');

    const result = await s.plan();
    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    const comment = theComment(s);
    expect(summaryLine(comment)).toMatch(/· 1 stack recreated · 4 resource changes ·/);
    expect(comment).toContain(
      '⚠️ **1 stack deleted and recreated** (`ROLLBACK_COMPLETE` can only be deleted): `prod`.',
    );
    const prod = plain(comment.slice(comment.indexOf(`### prod (${ACCOUNTS.prod})`)));
    expect(prod).toMatch(
      /^### prod \(\d+\)\n\n♻️ \*\*Delete and recreate\*\* stack `RoleModel`: it is `ROLLBACK_COMPLETE`, which can only be deleted\. Reason: .*AdminRole CREATE_FAILED: Role limit exceeded for account/,
    );
    expect(comment).toContain('Stack unchanged in: `staging`, `cdn`.');

    const stack = stackOf(planJson(result), 'prod');
    expect([stack.action, stack.currentStatus]).toEqual(['recreate', 'ROLLBACK_COMPLETE']);
    expect(stack.reason).toContain('Role limit exceeded for account');
    // Planning did not delete it: that is apply's job.
    expect(s.aws.stack('RoleModel', ACCOUNTS.prod)?.status).toBe('ROLLBACK_COMPLETE');
    expect(
      awsLog(result).filter((e) => e.operation === 'DeleteStack' && e.account === ACCOUNTS.prod),
    ).toEqual([]);
  });

  test('the comment is edited in place on later runs, found among many pages of other comments', async () => {
    const s = await start();
    const others = s.github.seedComments('octo-org', 'access', PR_NUMBER, [
      ...Array.from({ length: 149 }, (_, i) => ({ body: `Review note ${i + 1}`, user: `reviewer-${i % 3}` })),
      // A human quoting the bot does not make their comment the plan comment.
      { body: '> <!-- rolemodel-plan -->\n> the plan said so', user: 'carol-gh' },
    ]);
    expect(others).toHaveLength(150);
    const comments = () => s.github.comments('octo-org', 'access', PR_NUMBER);
    const writes = () => ({
      post: s.github.callCount({ method: 'POST', path: /\/comments$/ }),
      patch: s.github.callCount({ method: 'PATCH' }),
    });

    const first = await s.plan();
    expect(first.exitCode).toBe(0);
    expect(writes()).toEqual({ post: 1, patch: 0 });
    const created = comments().filter((c) => c.body.startsWith('<!-- rolemodel-plan -->'));
    expect(created).toHaveLength(1);
    expect(summaryLine(created[0]?.body ?? '')).toMatch(/12 members added$/);

    // A push changes the plan: the same comment is edited.
    replaceIn(
      s,
      'users.yml',
      '  FinanceRole:\n    - dave\n\nstaging',
      '  FinanceRole:\n    - carol\n\nstaging',
    );
    const second = await s.plan();
    expect(second.exitCode).toBe(0);
    expect(writes()).toEqual({ post: 1, patch: 1 });
    expect(second.github?.requestLog.some((e) => e.method === 'GET' && e.query['page'] === '2')).toBe(true);
    const edited = comments().filter((c) => c.body.startsWith('<!-- rolemodel-plan -->'));
    expect(edited.map((c) => c.id)).toEqual(created.map((c) => c.id));
    expect(withoutLevels(edited[0]?.body ?? '')).toContain(
      '| `carol` | `cdn.SuperUserRole`, `prod.FinanceRole`, `prod.ReadOnlyRole`, `staging.ReadOnlyRole` |  |',
    );

    // Nothing changed since: nothing is written.
    const third = await s.plan();
    expect(third.exitCode).toBe(0);
    expect(writes()).toEqual({ post: 1, patch: 1 });

    const all = comments();
    expect(all).toHaveLength(151);
    const untouched = all.filter((c) => !c.body.startsWith('<!-- rolemodel-plan -->'));
    expect(untouched.map((c) => [c.id, c.body, c.updated_at, c.user.login])).toEqual(
      others.map((c) => [c.id, c.body, c.updated_at, c.user.login]),
    );
  });

  test('a pull request from a fork: validation only, a note in the job summary, exit 0, no AWS call', async () => {
    const s = await start();
    const result = await s.plan({ event: prEvent({ fork: true }) });

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.env['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeUndefined();
    expect(plain(result.summary)).toContain(
      'No plan against AWS for this pull request.** It comes from a fork',
    );
    expect(result.summary).toContain('The files were validated.');
    expect(result.annotations.some((a) => a.severity === 'notice' && /fork/.test(a.message))).toBe(true);
    expect(result.outputs['has-changes']).toBe('false');
    expect(planJson(result)).toMatchObject({ command: 'plan', skipped: 'fork' });
    expect(s.aws.requestLog()).toEqual([]);
    // The fork's token is read-only: nothing is written to the PR.
    expect(s.github.requestLog().filter((e) => e.method !== 'GET')).toEqual([]);

    // The validation is real: a mistake in a fork's files fails the check, still without AWS.
    replaceIn(s, 'users.yml', '  SuperUserRole:\n    - bob', '  SuperUserRol:\n    - bob');
    const bad = await s.plan({ event: prEvent({ fork: true }) });
    expect(bad.exitCode).toBe(1);
    expect(errorAnnotations(bad).map((a) => [a.file, a.line])).toContainEqual(['users.yml', 11]);
    expect(s.aws.requestLog()).toEqual([]);
  });

  test('a plan too long for one comment is truncated with a pointer; the job summary holds it all', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
    const s = await start({ users: [...SAMPLE_USERS, ...many] });
    const list = many.map((u) => `    - ${u}\n`).join('');
    s.write('users.yml', `prod:\n  ReadOnlyRole:\n${list}staging:\n  ReadOnlyRole:\n${list}`);
    const result = await s.plan();

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    const comment = theComment(s);
    expect([...comment].length).toBeLessThanOrEqual(MAX_COMMENT_BODY);
    expect(summaryLine(comment)).toBe(
      '3 accounts change · 3 stacks created · 12 resource changes · 12 groups created · 5,000 members added',
    );
    expect(comment).toMatch(
      /✂️ \*\*The plan was truncated\*\* to fit in a comment: [\d,]+ of [\d,]+ sections shown\. The full plan is in the \[job summary\]\(https:\/\/github\.com\/octo-org\/access\/actions\/runs\/1000000001\) and in the `plan-json` output\./,
    );
    // Whole blocks only: every fold that is opened is closed.
    expect(comment.split('<details>').length).toBe(comment.split('</details>').length);

    expect(result.summary).not.toContain('The plan was truncated');
    expect(result.summary.length).toBeGreaterThan(MAX_COMMENT_BODY);
    expect(withoutLevels(result.summary)).toContain(
      '| `user-2499` | `prod.ReadOnlyRole`, `staging.ReadOnlyRole` |  |',
    );
    // The three accounts create the same stack: one section names them all.
    expect(result.summary).toContain(`, cdn (${ACCOUNTS.cdn})`);
    expect(result.summary).toContain(`### Master account (${MASTER})`);
    expect(planMarkdown(result).trimEnd()).toBe(result.summary.trimEnd());
    expect(groupOf(planJson(result), 'staging.ReadOnlyRole').membersToAdd).toHaveLength(2500);
  });

  test('a pull request plan changes nothing in AWS: only review change sets, cleaned up', async () => {
    const s = await start();
    await applied(s);
    // Changes of every kind pending: a new role, a new account, a membership, drift.
    addAuditorRole(s);
    addAccount(s);
    replaceIn(s, 'users.yml', '  AdminRole:\n    - alice\n', '  AdminRole:\n    - alice\n    - dave\n');
    s.aws.seed({ accounts: { [MASTER]: { groups: [{ name: 'cdn.FinanceRole', members: ['alice'] }] } } });
    const accounts = [MASTER, ...Object.values(ACCOUNTS), NEW_ACCOUNT.id];
    const iamBefore = accounts.map((a) => s.aws.iamState(a));
    const stacksBefore = accounts.map((a) => stackFacts(s.aws, a));

    const result = await s.plan();
    const stuck = accounts.flatMap((a) => s.aws.stacks(a)).filter((st) => st.status === 'REVIEW_IN_PROGRESS');
    expect(stuck.map((st) => `${st.account}/${st.name}`)).toEqual([]);

    expect(errorAnnotations(result)).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.outputs['has-changes']).toBe('true');
    const log = awsLog(result);
    expect(log.filter((e) => e.operation === 'CreateChangeSet')).toHaveLength(4);
    // No IAM write at all; no stack write but the review change sets and the
    // REVIEW_IN_PROGRESS stack a CREATE change set leaves in the new account.
    expect(log.filter((e) => e.service === 'iam' && (e.mutating || e.changeSet))).toEqual([]);
    const mutating = log
      .filter((e) => e.mutating)
      .map((e) => `${e.service}:${e.operation}@${e.account ?? '?'}`);
    expect(mutating).toEqual([`cloudformation:DeleteStack@${NEW_ACCOUNT.id}`]);
    expect([...new Set(log.filter((e) => e.changeSet).map((e) => e.operation))].sort()).toEqual([
      'CreateChangeSet',
      'DeleteChangeSet',
    ]);
    expect(log.some((e) => /^(Execute|Update|Create)Stack$|^ExecuteChangeSet$/.test(e.operation))).toBe(
      false,
    );

    await s.aws.idle();
    expect(accounts.map((a) => s.aws.iamState(a))).toEqual(iamBefore);
    expect(accounts.map((a) => stackFacts(s.aws, a))).toEqual(stacksBefore);
    const reviewed = s.aws.stacks(NEW_ACCOUNT.id, { includeDeleted: true });
    expect(reviewed.map((st) => st.status)).toEqual(['DELETE_COMPLETE']);
    expect(reviewed[0]?.events.some((e) => e.status === 'REVIEW_IN_PROGRESS')).toBe(true);
  });

  test('30% of AWS calls throttled: the same plan as without faults', async () => {
    const s = await start();
    const calm = await s.plan();
    expect(calm.exitCode).toBe(0);

    // The SDK's retry waits are random and grow with each retry of a call: usually 15-25 s here,
    // with a long tail, hence the generous limits.
    s.aws.setThrottling(0.3);
    const throttled = await s.plan({ timeoutMs: 150_000 });
    expect(errorAnnotations(throttled)).toEqual([]);
    expect(throttled.exitCode).toBe(0);
    expect(awsLog(throttled).filter((e) => e.fault === 'throttle').length).toBeGreaterThan(3);

    expect(summaryLine(throttled.summary)).toBe(summaryLine(calm.summary));
    expect(throttled.summary).toBe(calm.summary);
    const [a, b] = [planJson(calm), planJson(throttled)];
    expect(planned(b)).toEqual(planned(a));
    expect(b.summary).toEqual(a.summary);
    // No stack is left behind by a retried review.
    s.aws.clearFaults();
    await s.aws.idle();
    expect(Object.values(ACCOUNTS).flatMap((id) => s.aws.stacks(id))).toEqual([]);
  }, 180_000);

  test('a same-repository PR without `id-token: write`: exit 1, telling which permission to add', async () => {
    const s = await start();
    const result = await s.plan({ oidc: false });

    expect(result.exitCode).toBe(1);
    expect(result.env['ACTIONS_ID_TOKEN_REQUEST_URL']).toBeUndefined();
    const messages = errorAnnotations(result).map((a) => a.message);
    expect(messages.some((m) => m.includes('Add `permissions: id-token: write` to the job'))).toBe(true);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(NO_STACK_TRACE);
    expect(s.aws.requestLog()).toEqual([]);
    const comment = theComment(s);
    expect(comment).toContain('❌ Could not read AWS; nothing was planned.');
    // AWS text in the comment is escaped, our own backticks included.
    expect(comment).toContain('\\`permissions: id\\-token: write\\`');
    expect(result.outputs['has-changes']).toBe('false');
  });

  test('validation errors replace the plan in the PR comment and fail the run', async () => {
    const s = await start();
    const good = await s.plan();
    expect(good.exitCode).toBe(0);

    replaceIn(s, 'users.yml', '  SuperUserRole:\n    - bob', '  SuperUserRol:\n    - bob');
    s.edit('users.yml', (text) => `${text.trimEnd()}\n\nqa:\n  ReadOnlyRole:\n    - bob\n`);
    const role = positionOf(s, 'users.yml', 'SuperUserRol:');
    const account = positionOf(s, 'users.yml', 'qa:');
    const result = await s.plan();

    expect(result.exitCode).toBe(1);
    expect(result.outputs['error-count']).toBe('2');
    expect(result.outputs['has-changes']).toBe('false');
    const located = errorAnnotations(result).filter((a) => a.file !== undefined);
    expect(located.map((a) => [a.file, a.line, a.col])).toEqual([
      ['users.yml', role.line, role.col],
      ['users.yml', account.line, account.col],
    ]);
    expect(located[0]?.message).toContain('Did you mean `SuperUserRole`?');
    expect(awsLog(result)).toEqual([]);

    const comment = theComment(s);
    const text = plain(comment);
    expect(text).toContain('❌ 2 errors in the RoleModel files; nothing was planned.');
    expect(text).toContain(
      `| ❌ | \`users.yml:${role.line}:${role.col}\` | Role "SuperUserRol" is not an AWS::IAM::Role of roles.yml. Did you mean \`SuperUserRole\`?`,
    );
    expect(text).toContain(`\`users.yml:${account.line}:${account.col}\``);
    expect(comment).not.toContain('### Access changes');
    expect(withoutLevels(result.summary).trimEnd()).toBe(comment.trimEnd());
  });
});
