// The plan comment as a reviewer reads it: summary first, access by user, each account,
// the master account, text from files and AWS made inert, and never over the size limit.
import type { Diagnostic } from '../../src/core/diagnostics.ts';
import type { ResourceChange } from '../../src/core/observed.ts';
import type { GroupPlan, Plan, PlanSummary, StackPlan } from '../../src/core/plan/types.ts';
import { renderForkNote } from '../../src/core/render/fork-note.ts';
import { PLAN_MARKER, renderPlan } from '../../src/core/render/plan.ts';
import { renderPlanSummaryLine } from '../../src/core/render/summary-line.ts';

// ---- a small builder of plans: every field defaulted, the summary computed from the parts

const MASTER = '123456789012';
const PROD = '210987654321';

const change = (overrides: Partial<ResourceChange> = {}): ResourceChange => ({
  action: 'Modify',
  logicalId: 'AdminRole',
  physicalId: 'RoleModel-AdminRole-ABC123',
  resourceType: 'AWS::IAM::Role',
  replacement: 'False',
  scope: ['Properties'],
  properties: ['MaxSessionDuration'],
  ...overrides,
});

const stack = (overrides: Partial<StackPlan> = {}): StackPlan => ({
  accountName: 'prod',
  accountId: PROD,
  stackName: 'RoleModel',
  action: 'no-change',
  currentStatus: 'UPDATE_COMPLETE',
  changes: [],
  replacedRoles: [],
  reason: undefined,
  ...overrides,
});

const roleArn = (accountId: string, role: string): string => `arn:aws:iam::${accountId}:role/${role}`;

const assumePolicy = (arn: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn }],
});

const group = (overrides: Partial<GroupPlan> & { readonly name: string }): GroupPlan => {
  const [accountName, roleLogicalId] = overrides.name.split('.');
  return {
    path: '/RoleModel/',
    accountName,
    roleLogicalId,
    action: 'update',
    roleArn: roleArn(PROD, roleLogicalId ?? 'Role'),
    policyName: `${overrides.name}-Policy`,
    policy: undefined,
    extraPolicies: [],
    membersToAdd: [],
    membersToRemove: [],
    members: [],
    ...overrides,
  };
};

const createdGroup = (name: string, arn: string, members: readonly string[]): GroupPlan =>
  group({
    name,
    action: 'create',
    roleArn: arn,
    policy: { before: undefined, after: assumePolicy(arn), afterApply: false },
    membersToAdd: members,
    members,
  });

const summarize = (
  stacks: readonly StackPlan[],
  groups: readonly GroupPlan[],
  errors: number,
): PlanSummary => {
  const stacksBy = (...actions: StackPlan['action'][]): number =>
    stacks.filter((s) => actions.includes(s.action)).length;
  const groupsBy = (action: GroupPlan['action']): number => groups.filter((g) => g.action === action).length;
  const removals = groups.flatMap((g) => g.membersToRemove);
  return {
    accountsChanging: stacksBy('create', 'update', 'recreate'),
    stacksCreated: stacksBy('create'),
    stacksUpdated: stacksBy('update'),
    stacksRecreated: stacksBy('recreate'),
    stacksBlocked: stacksBy('blocked', 'error'),
    resourceChanges: stacks.reduce((n, s) => n + s.changes.length, 0),
    rolesReplaced: stacks.reduce((n, s) => n + s.replacedRoles.length, 0),
    groupsCreated: groupsBy('create'),
    groupsDeleted: groupsBy('delete'),
    policiesChanged: groups.filter((g) => g.policy !== undefined).length,
    membersAdded: groups.reduce((n, g) => n + g.membersToAdd.length, 0),
    membersRemoved: removals.length,
    driftRemovals: removals.filter((r) => r.origin === 'drift').length,
    expiredRemovals: removals.filter((r) => r.origin === 'expired').length,
    endsChanged: 0,
    errors,
  };
};

const plan = (
  parts: {
    readonly stacks?: readonly StackPlan[];
    readonly groups?: readonly GroupPlan[];
    readonly diagnostics?: readonly Diagnostic[];
  } = {},
): Plan => {
  const stacks = parts.stacks ?? [];
  const groups = parts.groups ?? [];
  const diagnostics = parts.diagnostics ?? [];
  return {
    stackName: 'RoleModel',
    masterAccountId: MASTER,
    stacks,
    groups,
    diagnostics,
    summary: summarize(stacks, groups, diagnostics.filter((d) => d.severity === 'error').length),
    hasChanges: stacks.some((s) => s.action !== 'no-change') || groups.some((g) => g.action !== 'no-change'),
  };
};

const diagnostic = (
  line: number,
  message: string,
  severity: Diagnostic['severity'] = 'error',
): Diagnostic => ({
  file: 'users.yml',
  line,
  column: 3,
  severity,
  message,
  hint: 'Remove the entry or add the user to IAM first.',
});

/** `account.role` groups of 60 accounts, 50 roles each, with changes everywhere, each account's its own. */
const hugePlan = (): Plan => {
  const accounts = Array.from({ length: 60 }, (_, a) => ({
    name: `account-${String(a).padStart(2, '0')}`,
    id: String(100000000000 + a),
  }));
  const roles = Array.from({ length: 50 }, (_, r) => `Role${String(r).padStart(2, '0')}`);
  const stacks = accounts.map((account, a) =>
    stack({
      accountName: account.name,
      accountId: account.id,
      action: a % 10 === 0 ? 'create' : 'update',
      changes: roles.slice(0, 12).map((role, r) =>
        change({
          logicalId: role,
          action: r % 3 === 0 ? 'Add' : 'Modify',
          replacement: r === 1 ? 'True' : 'False',
          // A property of this account's own, so that no two accounts change alike.
          properties: ['AssumeRolePolicyDocument', 'Policies', `Tag${a}`],
        }),
      ),
      replacedRoles: ['Role01'],
    }),
  );
  const groups = accounts.flatMap((account) =>
    roles.map((role, r) => {
      const name = `${account.name}.${role}`;
      if (r % 2 === 0)
        return createdGroup(name, roleArn(account.id, role), [`user${r}`, `user${r + 1}`, `user${r + 2}`]);
      return group({
        name,
        membersToAdd: [`user${r + 3}`],
        membersToRemove: [{ userName: `contractor${r}`, origin: 'drift' }],
      });
    }),
  );
  return plan({ stacks, groups });
};

const balance = (text: string): { readonly open: number; readonly close: number } => ({
  open: text.split('<details>').length - 1,
  close: text.split('</details>').length - 1,
});

/** Every `<details>` is closed before the next opens, and every table row is whole. */
const expectWellFormed = (text: string): void => {
  let depth = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('<details>')) depth += 1;
    if (line.startsWith('</details>')) depth -= 1;
    expect(depth === 0 || depth === 1).toBe(true);
    if (line.startsWith('|')) expect(line.endsWith('|')).toBe(true);
  }
  expect(depth).toBe(0);
  const { open, close } = balance(text);
  expect(open).toBe(close);
};

const tableRowOf = (text: string, cell: string): string | undefined =>
  text.split('\n').find((line) => line.startsWith(`| ${cell} |`));

// ---- the tests

describe('the hidden marker', () => {
  test('is the first line, the head commit the second', () => {
    const lines = renderPlan(plan(), { headSha: 'abc123def' }).split('\n');
    expect(lines[0]).toBe(PLAN_MARKER);
    expect(lines[1]).toBe('<!-- rolemodel-plan-sha: abc123def -->');
  });

  test('has no sha line without a sha, and a sha cannot close the comment', () => {
    expect(renderPlan(plan(), {}).split('\n')[1]).toBe('');
    const lines = renderPlan(plan(), { headSha: 'abc --> <b>x</b>' }).split('\n');
    expect(lines[1]).toBe('<!-- rolemodel-plan-sha: abcbxb -->');
  });
});

describe('a plan without changes', () => {
  const text = renderPlan(
    plan({ stacks: [stack(), stack({ accountName: 'cdn', accountId: '310987654321' })] }),
    {},
  );

  test('says so in one line and lists the unchanged accounts on one line', () => {
    expect(text).toContain('## RoleModel plan\n\nNo changes. AWS matches the files.\n');
    expect(text).toContain('Stack unchanged in: `prod`, `cdn`.');
    expect(text).not.toContain('Access changes');
    expect(text).not.toContain('⚠️');
    expect(text).not.toContain('truncated');
  });
});

describe('access changes', () => {
  const text = renderPlan(
    plan({
      groups: [
        createdGroup('prod.AdminRole', roleArn(PROD, 'AdminRole'), ['bob', 'alice']),
        group({
          name: 'prod.ReadOnlyRole',
          membersToAdd: ['alice'],
          members: ['alice'],
          membersToRemove: [
            { userName: 'mallory', origin: 'drift' },
            { userName: 'dave', origin: 'git' },
            { userName: 'erin', origin: 'unknown' },
          ],
        }),
        group({ name: 'old.FinanceRole', action: 'delete', members: ['carol', 'bob'] }),
      ],
    }),
    {},
  );
  const section = text.slice(text.indexOf('### Access changes'), text.indexOf('### Master account'));

  test('are grouped by user, users sorted, with what each gains and loses', () => {
    const users = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split(' | ')[0]);
    expect(users).toEqual(['| `alice`', '| `bob`', '| `carol`', '| `dave`', '| `erin`', '| `mallory`']);
    expect(tableRowOf(section, '`alice`')).toBe('| `alice` | `prod.AdminRole`, `prod.ReadOnlyRole` |  |');
  });

  test("count a deleted group's members as losses", () => {
    expect(tableRowOf(section, '`bob`')).toBe('| `bob` | `prod.AdminRole` | `old.FinanceRole` |');
    expect(tableRowOf(section, '`carol`')).toBe('| `carol` |  | `old.FinanceRole` |');
  });

  test('mark drift "outside git", explained below the table; git removals plain', () => {
    expect(tableRowOf(section, '`mallory`')).toBe('| `mallory` |  | `prod.ReadOnlyRole` (outside git) |');
    expect(tableRowOf(section, '`dave`')).toBe('| `dave` |  | `prod.ReadOnlyRole` |');
    expect(section).toMatch(
      /\| `mallory` .*\|\n\n_\(outside git\)_: these members were added by hand in AWS/,
    );
    expect(section).toContain('apply removes them');
  });

  test('say when the origin of a removal is unknown', () => {
    expect(tableRowOf(section, '`erin`')).toBe('| `erin` |  | `prod.ReadOnlyRole` (not in the user map) |');
  });

  test('are repeated per group in the master account, with the policy change', () => {
    const master = text.slice(text.indexOf('### Master account (123456789012)'));
    expect(master).toContain('1 created, 1 deleted, 1 updated');
    expect(tableRowOf(master, '`prod.AdminRole`')).toBe(
      '| `prod.AdminRole` | + create | _none_ → `arn:aws:iam::210987654321:role/AdminRole` | `alice`, `bob` |  |',
    );
    expect(tableRowOf(master, '`old.FinanceRole`')).toContain(
      '| - delete | deleted with the group |  | `bob`, `carol` |',
    );
  });
});

describe('the master account', () => {
  test('shows policy ARNs before and after, or "known after apply", and extra policies removed', () => {
    const text = renderPlan(
      plan({
        groups: [
          group({
            name: 'prod.AdminRole',
            policy: {
              before: assumePolicy(roleArn(PROD, 'Old')),
              after: assumePolicy(roleArn(PROD, 'New')),
              afterApply: false,
            },
            extraPolicies: ['HandMade'],
          }),
          group({
            name: 'prod.SuperUserRole',
            roleArn: undefined,
            policy: { before: assumePolicy(roleArn(PROD, 'Old2')), after: undefined, afterApply: true },
          }),
        ],
      }),
      {},
    );
    expect(tableRowOf(text, '`prod.AdminRole`')).toBe(
      '| `prod.AdminRole` | ~ update<br>removes inline policy `HandMade` | `arn:aws:iam::210987654321:role/Old` → `arn:aws:iam::210987654321:role/New` |  |  |',
    );
    expect(tableRowOf(text, '`prod.SuperUserRole`')).toContain('role/Old2` → _known after apply_');
  });

  test('folds a long group table', () => {
    const groups = Array.from({ length: 12 }, (_, i) =>
      createdGroup(`prod.Role${i}`, roleArn(PROD, `Role${i}`), []),
    );
    const text = renderPlan(plan({ groups }), {});
    expect(text).toContain('<details><summary>12 groups</summary>\n\n| Group |');
    expectWellFormed(text);
  });
});

describe('each account', () => {
  const replaced = stack({
    action: 'update',
    changes: [
      change({ replacement: 'True', properties: ['RoleName'] }),
      change({
        action: 'Add',
        logicalId: 'FinanceRole',
        physicalId: undefined,
        replacement: undefined,
        properties: [],
      }),
      change({
        action: 'Remove',
        logicalId: 'OldPolicy',
        resourceType: 'AWS::IAM::ManagedPolicy',
        replacement: undefined,
      }),
    ],
    replacedRoles: ['AdminRole'],
  });

  test('has a heading with name and id, the stack action and a table of resource changes', () => {
    const text = renderPlan(plan({ stacks: [replaced] }), {});
    expect(text).toContain('### prod (210987654321)\n\n✏️ **Update** stack `RoleModel`');
    expect(text).toContain('| Action | Logical id | Type | Replacement | Changes |');
    expect(text).toContain(
      '| ± replace | `AdminRole`<br>`RoleModel-AdminRole-ABC123` | `AWS::IAM::Role` | 🔴 **replaced**: new ARN | RoleName |',
    );
    expect(text).toContain('| + add | `FinanceRole` | `AWS::IAM::Role` |  | Properties |');
    expect(text).toMatch(/\| - remove \| `OldPolicy`.*\| `AWS::IAM::ManagedPolicy` \|/);
  });

  test('warns under the summary line when a role is replaced', () => {
    const lines = renderPlan(plan({ stacks: [replaced] }), {}).split('\n');
    const summary = lines.indexOf(renderPlanSummaryLine(plan({ stacks: [replaced] }).summary));
    expect(summary).toBeGreaterThan(0);
    expect(lines[summary + 2]).toMatch(
      /^⚠️ \*\*1 role replaced\*\*: a new ARN, so the group policies .* `prod\.AdminRole`\.$/,
    );
  });

  test('warns about recreated and blocked stacks', () => {
    const text = renderPlan(
      plan({
        stacks: [
          stack({
            action: 'recreate',
            currentStatus: 'ROLLBACK_COMPLETE',
            reason: 'creation failed',
            changes: [change({ action: 'Add' })],
          }),
          stack({
            accountName: 'cdn',
            action: 'blocked',
            currentStatus: 'UPDATE_IN_PROGRESS',
            reason: 'busy',
          }),
        ],
      }),
      {},
    );
    expect(text).toContain(
      '⚠️ **1 stack deleted and recreated** (`ROLLBACK_COMPLETE` can only be deleted): `prod`.',
    );
    expect(text).toContain('⚠️ **1 account blocked or failed to plan**');
    expect(text).toContain('♻️ **Delete and recreate** stack `RoleModel`: it is `ROLLBACK_COMPLETE`');
  });

  test('collapses unchanged accounts into one line', () => {
    const text = renderPlan(
      plan({
        stacks: [
          stack({ accountName: 'a' }),
          replaced,
          stack({ accountName: 'b' }),
          stack({ accountName: 'c' }),
        ],
      }),
      {},
    );
    expect(text).toContain('Stack unchanged in: `a`, `b`, `c`.');
    expect(text.match(/^### /gm)).toHaveLength(1);
  });

  test('folds a long resource table', () => {
    const changes = Array.from({ length: 15 }, (_, i) => change({ logicalId: `Role${i}` }));
    const text = renderPlan(plan({ stacks: [stack({ action: 'update', changes })] }), {});
    expect(text).toContain('<details><summary>15 resource changes</summary>\n\n| Action |');
    expectWellFormed(text);
  });
});

describe('text from files and AWS', () => {
  const hostile = 'failed <script>alert(1)</script> ping @org/team see [x](http://e)';
  const text = renderPlan(
    plan({
      stacks: [
        stack({ accountName: 'a', action: 'blocked', currentStatus: 'UPDATE_IN_PROGRESS', reason: hostile }),
        stack({ accountName: 'b', action: 'error', currentStatus: undefined, reason: hostile }),
        stack({ accountName: 'c', action: 'recreate', currentStatus: 'ROLLBACK_COMPLETE', reason: hostile }),
        stack({ accountName: 'd', action: 'update', changes: [change({ properties: [hostile] })] }),
      ],
      diagnostics: [diagnostic(4, hostile)],
    }),
    {},
  );

  test('is inert: no HTML, no mention, no link', () => {
    expect(text).not.toContain('<script');
    expect(text).not.toMatch(/@org/);
    expect(text).not.toContain('](http');
    expect(text).not.toContain('http://');
    expect(text).toContain('&lt;script&gt;');
    expect(text).toContain('Reason: failed &lt;script&gt;alert\\(1\\)&lt;/script&gt;');
  });

  test('shows the reason of a blocked, failed or recreated stack', () => {
    expect(text.match(/Reason: failed &lt;script&gt;/g)).toHaveLength(3);
    expect(text).toContain('❌ **Error**: this account could not be planned.');
  });
});

describe('problems', () => {
  test('validation and plan diagnostics are shown first, once each, and counted as errors', () => {
    const missing = diagnostic(3, 'The user `zed` does not exist in IAM.');
    const text = renderPlan(
      plan({
        groups: [createdGroup('prod.AdminRole', roleArn(PROD, 'AdminRole'), ['zed'])],
        diagnostics: [missing],
      }),
      { validationDiagnostics: [diagnostic(1, 'A user is listed twice.', 'warning'), missing] },
    );
    expect(text).toContain('❌ 1 error · ');
    const problems = text.indexOf('### The files have problems: 1 error, 1 warning');
    expect(problems).toBeGreaterThan(0);
    expect(problems).toBeLessThan(text.indexOf('### Access changes'));
    expect(text.match(/does not exist in IAM/g)).toHaveLength(1);
  });

  test('too many to show are cut to whole rows and counted', () => {
    const diagnostics = Array.from({ length: 5000 }, (_, i) =>
      diagnostic(i + 1, `The user \`u${i}\` does not exist in IAM.`),
    );
    const text = renderPlan(plan({ diagnostics }), { maxLength: 20_000 });
    expect(text.length).toBeLessThanOrEqual(20_000);
    expect(text).toContain('❌ 5,000 errors');
    expect(text).toMatch(/_Showing [\d,]+ of 5,000 problems; all of them are annotated/);
    expectWellFormed(text);
  });
});

describe('the size limit', () => {
  const huge = hugePlan();

  test('a plan of 3,000 groups in 60 accounts fits in one comment, summary intact', () => {
    const text = renderPlan(huge, { headSha: 'abc', runUrl: 'https://github.com/o/r/actions/runs/7' });
    expect(text.length).toBeLessThanOrEqual(65_000);
    expect(text.startsWith(`${PLAN_MARKER}\n<!-- rolemodel-plan-sha: abc -->\n`)).toBe(true);
    expect(text.split('\n')).toContain(renderPlanSummaryLine(huge.summary));
    expect(text).toContain('60 accounts change · 6 stacks created · 54 updated');
    expect(text).toMatch(
      /✂️ \*\*The plan was truncated\*\* to fit in a comment: \d+ of \d+ sections shown\. The full plan is in the \[job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/7\) and in the `plan-json` output\.\n$/,
    );
    expectWellFormed(text);
    expect(balance(text).open).toBeGreaterThan(0);
  });

  test('without a run URL, the note names the job summary', () => {
    expect(renderPlan(huge, {})).toContain(
      'The full plan is in the job summary of this run and in the `plan-json` output.',
    );
  });

  test('with a large limit (the job summary), nothing is left out', () => {
    const text = renderPlan(huge, { maxLength: Number.MAX_SAFE_INTEGER });
    expect(text).not.toContain('truncated');
    expect(text).toContain('`account-59.Role49`');
    expect(text).toContain('### account\\-59 (100000000059)');
    expectWellFormed(text);
  });

  test.each([120, 300, 700, 1_500, 4_000, 12_000, 30_000])('is respected at %i characters', (maxLength) => {
    const text = renderPlan(huge, { maxLength, headSha: 'abc' });
    expect(text.length).toBeLessThanOrEqual(maxLength);
    expect(text.startsWith(PLAN_MARKER)).toBe(true);
    expect(text).toMatch(/✂️ (\*\*The plan was truncated\*\*|Truncated)/);
    expectWellFormed(text);
  });

  test('for the job summary, the limit is counted in UTF-8 bytes and the note points to the outputs', () => {
    const whole = renderPlan(huge, { target: 'job-summary' });
    // Under the 1 MiB default the whole plan fits.
    expect(whole).not.toContain('truncated');
    expect(whole).toContain('### account\\-59 (100000000059)');
    const maxLength = 40_000;
    const text = renderPlan(huge, { target: 'job-summary', maxLength });
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(maxLength);
    // The plan's emoji take several bytes each: a character count alone would overshoot.
    expect(text.length).toBeLessThan(new TextEncoder().encode(text).length);
    expect(text).toMatch(
      /✂️ \*\*The plan was truncated\*\* to fit GitHub's 1 MiB job summary: \d+ of \d+ sections shown\. The full plan is in the `plan-markdown` and `plan-json` outputs\.\n$/,
    );
    expectWellFormed(text);
  });

  test('keeps the summary line and the note whenever they fit', () => {
    const text = renderPlan(huge, { maxLength: 1_500 });
    expect(text.split('\n')).toContain(renderPlanSummaryLine(huge.summary));
    expect(text).toContain('0 of ');
    expect(text).toContain('sections shown');
  });
});

describe('the fork note', () => {
  test('explains the missing OIDC token and how a maintainer gets a plan', () => {
    const note = renderForkNote();
    expect(note).toContain('fork');
    expect(note).toContain('OIDC token');
    expect(note).toContain('The files were validated.');
    expect(note).toContain('push this branch to this repository');
    expect(note).toContain('`workflow_dispatch`');
    expect(note).toContain('`command: plan`');
  });
});

describe('what the review cannot see, said at the top', () => {
  const transformWarning: Diagnostic = {
    file: 'roles.yml',
    line: 3,
    column: 12,
    severity: 'warning',
    message: 'The template runs the transform "AWS::LanguageExtensions" (allowed by `allow_transforms`).',
    hint: 'Check the resource changes.',
    prominent: true,
  };

  test('a prominent warning of the files goes into the head, not into the folded problems', () => {
    const markdown = renderPlan(plan({ stacks: [stack()] }), { validationDiagnostics: [transformWarning] });
    const head = markdown.slice(0, markdown.indexOf('### '));
    expect(head).toContain(
      '⚠️ The template runs the transform &quot;AWS::LanguageExtensions&quot; \\(allowed by \\`allow\\_transforms\\`\\)\\. Check the resource changes\\. (`roles.yml:3`)',
    );
    expect(markdown).not.toContain('The files have problems');
  });

  test('a prominent warning survives truncation', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      createdGroup(`prod.Role${i}`, roleArn(PROD, `Role${i}`), ['alice']),
    );
    const markdown = renderPlan(plan({ groups: many }), {
      validationDiagnostics: [transformWarning],
      maxLength: 3_000,
    });
    expect(markdown.length).toBeLessThanOrEqual(3_000);
    expect(markdown).toContain('⚠️ The template runs the transform');
  });

  test('resources that run code when applied: one warning line naming them and their accounts, and flagged rows', () => {
    const custom = change({
      action: 'Add',
      logicalId: 'Setup',
      physicalId: undefined,
      resourceType: 'Custom::Setup',
    });
    const fn = change({
      action: 'Modify',
      logicalId: 'Fn',
      resourceType: 'AWS::Lambda::Function',
      physicalId: 'fn-1',
    });
    const role = change();
    const markdown = renderPlan(
      plan({
        stacks: [
          stack({ action: 'update', changes: [custom, fn, role] }),
          stack({ accountName: 'cdn', accountId: '310987654321', action: 'update', changes: [custom] }),
        ],
      }),
      {},
    );
    expect(markdown).toContain(
      '⚠️ **2 resources that run code when applied**: `Setup` (`Custom::Setup`) in `prod`, `cdn`, `Fn` (`AWS::Lambda::Function`) in `prod`.',
    );
    expect(markdown).toContain('| + add | `Setup` | `Custom::Setup`<br>⚠️ runs code when applied |');
    expect(markdown).toContain(
      '| ~ modify | `AdminRole`<br>`RoleModel-AdminRole-ABC123` | `AWS::IAM::Role` | no |',
    );
  });

  test('no such warning when nothing that runs code changes', () => {
    const markdown = renderPlan(plan({ stacks: [stack({ action: 'update', changes: [change()] })] }), {});
    expect(markdown).not.toContain('run code');
  });
});

describe('accounts that change alike', () => {
  const update = (name: string, id: string, physical: string): StackPlan =>
    stack({
      accountName: name,
      accountId: id,
      action: 'update',
      changes: [change({ physicalId: physical })],
    });

  test('share one section that names them, physical ids left out', () => {
    const text = renderPlan(
      plan({
        stacks: [
          update('prod', PROD, 'RoleModel-AdminRole-P1'),
          update('staging', '310987654321', 'RoleModel-AdminRole-S2'),
          stack({
            accountName: 'cdn',
            accountId: '410987654321',
            action: 'update',
            changes: [change({ properties: ['Policies'] })],
          }),
        ],
      }),
      {},
    );
    expect(text).toContain(
      '### prod (210987654321), staging (310987654321)\n\n✏️ **Update** stack `RoleModel`',
    );
    expect(text).toContain('| ~ modify | `AdminRole` | `AWS::IAM::Role` | no | MaxSessionDuration |');
    expect(text).not.toContain('RoleModel-AdminRole-P1');
    // cdn changes another property: its own section, with its physical id.
    expect(text).toContain('### cdn (410987654321)\n\n✏️ **Update**');
    expect(text).toContain(
      '| ~ modify | `AdminRole`<br>`RoleModel-AdminRole-ABC123` | `AWS::IAM::Role` | no | Policies |',
    );
    expect(text.match(/\| ~ modify \|/g)).toHaveLength(2);
    expectWellFormed(text);
  });

  test('a hundred accounts creating the same stack take one section, and the master account still fits', () => {
    const stacks = Array.from({ length: 100 }, (_, i) =>
      stack({
        accountName: `acct${String(i).padStart(3, '0')}`,
        accountId: String(200000000000 + i),
        action: 'create',
        currentStatus: undefined,
        changes: ['AdminRole', 'ReadOnlyRole', 'FinanceRole', 'SuperUserRole'].map((id) =>
          change({
            action: 'Add',
            logicalId: id,
            physicalId: undefined,
            replacement: undefined,
            properties: [],
          }),
        ),
      }),
    );
    const groups = stacks.map((s) =>
      createdGroup(`${s.accountName}.AdminRole`, roleArn(s.accountId, 'AdminRole'), ['alice']),
    );
    const text = renderPlan(plan({ stacks, groups }), {});
    expect(text).toContain(
      '### 100 accounts: acct000 (200000000000), acct001 (200000000001), acct002 (200000000002), acct003 (200000000003), acct004 (200000000004) and 95 more',
    );
    expect(text).toContain('<details><summary>All 100 accounts with this change</summary>');
    expect(text.match(/\| \+ add \| `AdminRole`/g)).toHaveLength(1);
    expect(text).toContain(`### Master account (${MASTER})`);
    expect(text).not.toContain('The plan was truncated');
  });
});
