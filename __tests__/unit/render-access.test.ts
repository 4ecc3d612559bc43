// The access review in the plan comment: escalation warnings right under the summary line
// (kept by truncation), levels in the access table, each role's statements added and removed.
import type { AccessReview } from '../../src/core/access/types.ts';
import { reviewAccess } from '../../src/core/access/review.ts';
import { summarize } from '../../src/core/plan/plan.ts';
import type { GroupPlan, Plan, StackPlan } from '../../src/core/plan/types.ts';
import { renderAccessWarnings } from '../../src/core/render/access-warnings.ts';
import { renderPlan } from '../../src/core/render/plan.ts';
import { renderPlanSummaryLine } from '../../src/core/render/summary-line.ts';
import { ADMIN, PASS, READ, analyzed, groupPlan } from './access-fixtures.ts';

const current = analyzed({ AdminRole: ADMIN, ReadRole: READ });

const planOf = (
  groups: readonly GroupPlan[],
  access: AccessReview,
  stacks: readonly StackPlan[] = [],
): Plan => ({
  stackName: 'RoleModel',
  masterAccountId: '123456789012',
  stacks,
  groups,
  diagnostics: [],
  summary: summarize(stacks, groups, []),
  hasChanges: true,
  access,
});

const withReview = (groups: readonly GroupPlan[], base = current, now = current): Plan =>
  planOf(groups, reviewAccess(groups, { current: now, base }));

/** The lines between the summary line and the first section. */
const headLines = (plan: Plan, text: string): string[] => {
  const lines = text.split('\n');
  const summary = lines.indexOf(renderPlanSummaryLine(plan.summary));
  const end = lines.findIndex((l, i) => i > summary && l.startsWith('### '));
  return lines.slice(summary + 1, end < 0 ? undefined : end).filter((l) => l !== '');
};

describe('escalation warnings', () => {
  test('come right after the summary line, naming who, what and where', () => {
    const plan = withReview([groupPlan('prod.AdminRole', { add: ['carol'] })]);
    expect(headLines(plan, renderPlan(plan, {}))).toEqual([
      '🔴 **Access escalation: 1 warning.** Review who gains what before merging.',
      '- 🔴 **carol** gains **admin** in `prod` (`prod.AdminRole`): Allow \\* on \\* \\(inline policy AdminRolePolicy\\)',
    ]);
  });

  test('come before the stack warnings', () => {
    const replaced: StackPlan = {
      accountName: 'prod',
      accountId: '210987654321',
      stackName: 'RoleModel',
      action: 'update',
      currentStatus: 'UPDATE_COMPLETE',
      changes: [],
      replacedRoles: ['ReadRole'],
      reason: undefined,
    };
    const groups = [groupPlan('prod.AdminRole', { add: ['carol'] })];
    const plan = planOf(groups, reviewAccess(groups, { current, base: current }), [replaced]);
    const lines = headLines(plan, renderPlan(plan, {}));
    expect(lines[0]).toMatch(/^🔴 \*\*Access escalation/);
    expect(lines[2]).toMatch(/^⚠️ \*\*1 role replaced\*\*/);
  });

  test('one line per account.role however many gain it; user names escaped', () => {
    const plan = withReview([groupPlan('staging.AdminRole', { add: ['alice', 'b*b_'] })]);
    const [, line] = headLines(plan, renderPlan(plan, {}));
    expect(line).toBe(
      '- 🔴 **alice**, **b\\*b\\_** gain **admin** in `staging` (`staging.AdminRole`): Allow \\* on \\* \\(inline policy AdminRolePolicy\\)',
    );
  });

  test('a role that gains power says so and who holds it', () => {
    const plan = withReview(
      [groupPlan('prod.ReadRole', { members: ['alice'] })],
      current,
      analyzed({ AdminRole: ADMIN, ReadRole: PASS }),
    );
    const [, line] = headLines(plan, renderPlan(plan, {}));
    expect(line).toMatch(
      /^- 🔴 \*\*Role grants iam-write\*\* \(every account\): ReadRole now grants iam\\-write \\\(was read\\-only\\\): .*iam:PassRole.* Held by `alice` in `prod`\.$/,
    );
  });

  test('people who share a line are counted, and the lines too', () => {
    const plan = withReview([groupPlan('prod.AdminRole', { add: ['carol', 'dave'] })]);
    expect(headLines(plan, renderPlan(plan, {}))).toEqual([
      '🔴 **Access escalation: 2 warnings in 1 line.** Review who gains what before merging.',
      '- 🔴 **carol**, **dave** gain **admin** in `prod` (`prod.AdminRole`): Allow \\* on \\* \\(inline policy AdminRolePolicy\\)',
    ]);
  });

  test('at most 20 lines, then how many more', () => {
    const groups = Array.from({ length: 30 }, (_, i) =>
      groupPlan(`acct${String(i).padStart(2, '0')}.AdminRole`, { add: ['carol'] }),
    );
    const review = reviewAccess(groups, { current, base: current });
    const [block] = renderAccessWarnings(review);
    const lines = (block ?? '').split('\n');
    expect(lines[0]).toBe('🔴 **Access escalation: 30 warnings.** Review who gains what before merging.');
    expect(lines.filter((l) => l.startsWith('- 🔴'))).toHaveLength(20);
    expect(lines.at(-1)).toBe('- … and 10 more lines: the `access-changes` output lists every warning.');
  });

  test('none when nothing escalates, and no change to a plan without a review', () => {
    const plan = withReview([groupPlan('prod.ReadRole', { add: ['dave'] })]);
    expect(headLines(plan, renderPlan(plan, {}))).toEqual([]);
    expect(renderAccessWarnings(undefined)).toEqual([]);
  });

  test('survive truncation with the summary line', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `user-${String(i).padStart(4, '0')}`);
    const groups = [
      groupPlan('prod.AdminRole', { add: ['carol'] }),
      groupPlan('prod.ReadRole', { add: many }),
      groupPlan('cdn.ReadRole', { add: many }),
    ];
    const plan = withReview(groups);
    const text = renderPlan(plan, { maxLength: 5_000 });
    expect(text.length).toBeLessThanOrEqual(5_000);
    expect(text).toContain('The plan was truncated');
    expect(headLines(plan, text).slice(0, 2)).toEqual([
      '🔴 **Access escalation: 1 warning.** Review who gains what before merging.',
      '- 🔴 **carol** gains **admin** in `prod` (`prod.AdminRole`): Allow \\* on \\* \\(inline policy AdminRolePolicy\\)',
    ]);
  });
});

describe('access changes with levels', () => {
  test('each account.role carries its level, before the removal origin', () => {
    const plan = withReview([
      groupPlan('prod.AdminRole', { add: ['carol'], remove: [{ userName: 'bob', origin: 'drift' }] }),
      groupPlan('prod.ReadRole', { add: ['bob'] }),
    ]);
    const text = renderPlan(plan, {});
    expect(text).toContain(
      '| `bob` | `prod.ReadRole` (read-only) | `prod.AdminRole` (admin) (outside git) |',
    );
    expect(text).toContain('| `carol` | `prod.AdminRole` (admin) |  |');
  });
});

describe('role permissions', () => {
  test('statement by statement, with the level before and after', () => {
    const plan = withReview(
      [groupPlan('prod.ReadRole', { members: ['alice'] })],
      current,
      analyzed({ AdminRole: ADMIN, ReadRole: PASS }),
    );
    const text = renderPlan(plan, {});
    const section = text.slice(text.indexOf('### Role permissions'));
    expect(section).toContain('#### `ReadRole`: read-only → **iam-write**');
    expect(section).toContain('|  | Effect | Action | Resource | Condition | From |');
    expect(section).toContain(
      '| + | Allow | `iam:PassRole`, `s3:Get*`, `s3:List*` | `*` |  | inline policy ReadRolePolicy |',
    );
    expect(section).toContain(
      '| - | Allow | `s3:Get*`, `s3:List*` | `*` |  | inline policy ReadRolePolicy |',
    );
    // Unchanged roles are not shown.
    expect(section).not.toContain('AdminRole');
    expect(text.indexOf('### Role permissions')).toBeLessThan(text.indexOf('### Master account'));
  });

  test('a widened trust policy is said under the role, conditions shown', () => {
    const plan = withReview(
      [],
      current,
      analyzed({ AdminRole: { ...ADMIN, trust: 'no-mfa' }, ReadRole: READ }),
    );
    const text = renderPlan(plan, {});
    expect(text).toContain('#### `AdminRole`: admin, unchanged');
    expect(text).toContain(
      '🔴 **Trust policy widened**: MFA no longer required for $\\{AssumingAccountID\\}:root; condition removed or changed for $\\{AssumingAccountID\\}:root: Bool aws:MultiFactorAuthPresent true.',
    );
  });

  test('not shown when the base template is unknown', () => {
    const plan = planOf(
      [],
      reviewAccess([], { current: analyzed({ AdminRole: ADMIN, ReadRole: PASS }), base: undefined }),
    );
    expect(plan.access?.baseTemplate).toBe('unavailable');
    expect(renderPlan(plan, {})).not.toContain('### Role permissions');
  });
});
