// Privilege levels end to end through dist/index.js: escalation warnings at the top of the
// plan comment, the `escalations` and `access-changes` outputs, per-role statement diffs
// against the base branch's template, and the access matrix with profiles in `list`.
import { commitBase, replaceIn } from './plan-helpers.ts';
import { readFileSync } from 'node:fs';
import { pullRequestEvent } from '../support/harness/index.ts';
import { ACCOUNTS, MASTER, PR_NUMBER, planComments, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  const applied = await scenario.apply();
  expect(applied.exitCode).toBe(0);
});
afterEach(async () => scenario.close());

interface AccessChanges {
  readonly escalations: number;
  readonly baseTemplate: string;
  readonly users: readonly {
    readonly user: string;
    readonly gains: readonly { account: string; role: string; level?: string }[];
    readonly losses: readonly { account: string; role: string; level?: string; origin: string }[];
  }[];
  readonly warnings: readonly {
    kind: string;
    account?: string;
    role: string;
    user?: string;
    message: string;
  }[];
}

const planFrom = (s: Scenario, baseSha: string) =>
  s.plan({ event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access', baseSha }) });

const theComment = (s: Scenario): string => {
  const comments = planComments(s);
  expect(comments).toHaveLength(1);
  return comments[0] ?? '';
};

/** The lines after the summary line, up to the first section heading. */
const head = (comment: string): string[] => {
  const lines = comment.split('\n');
  const title = lines.indexOf('## RoleModel plan');
  const summary = lines.findIndex((l, i) => i > title && l.trim() !== '');
  const end = lines.findIndex((l, i) => i > summary && l.startsWith('### '));
  return lines.slice(summary + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
};

/** Markdown as a reader sees it: the renderer's escapes undone. */
const plain = (markdown: string): string =>
  markdown.replace(/\u200b/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1');

const accessChanges = (result: { outputs: Record<string, string> }): AccessChanges =>
  JSON.parse(result.outputs['access-changes'] ?? 'null') as AccessChanges;

const ADMIN_MEMBERS = '  AdminRole:\n    - alice\n';

describe('plan', () => {
  test('a PR adding carol to prod.AdminRole warns at the top, with who and where, and sets escalations', async () => {
    const baseSha = commitBase(scenario);
    replaceIn(scenario, 'users.yml', ADMIN_MEMBERS, `${ADMIN_MEMBERS}    - carol\n`);
    const result = await planFrom(scenario, baseSha);

    expect(result.exitCode).toBe(0);
    const comment = theComment(scenario);
    const top = head(comment);
    expect(top[0]).toBe('🔴 **Access escalation: 1 warning.** Review who gains what before merging.');
    expect(top[1]).toBe(
      '- 🔴 **carol** gains **admin** in `prod` (`prod.AdminRole`): Allow \\* on \\* \\(inline policy AdministratorAccess\\)',
    );
    // The access table gives each role's level.
    expect(comment).toContain('| `carol` | `prod.AdminRole` (admin) |  |');
    // The template did not change: no role permission section.
    expect(comment).not.toContain('### Role permissions');

    expect(Number(result.outputs['escalations'])).toBeGreaterThanOrEqual(1);
    const access = accessChanges(result);
    expect(access.escalations).toBe(1);
    expect(access.baseTemplate).toBe('compared');
    expect(access.users).toEqual([
      { user: 'carol', gains: [{ account: 'prod', role: 'AdminRole', level: 'admin' }], losses: [] },
    ]);
    expect(access.warnings).toEqual([
      {
        kind: 'grant-admin',
        account: 'prod',
        role: 'AdminRole',
        user: 'carol',
        message:
          'carol gains prod.AdminRole, which grants admin: Allow * on * (inline policy AdministratorAccess)',
      },
    ]);
    // The whole review is in plan-json too.
    const json = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
      access?: { escalations: number; roles: { role: string; level: string }[] };
    };
    expect(json.access?.escalations).toBe(1);
    expect(json.access?.roles.map((r) => [r.role, r.level])).toEqual([
      ['AdminRole', 'admin'],
      ['SuperUserRole', 'write'],
      ['ReadOnlyRole', 'read-only'],
      ['FinanceRole', 'read-only'],
    ]);
    expect(result.summary).toContain('**carol** gains **admin** in `prod`');
  });

  test('a PR adding only a read-only membership escalates nothing', async () => {
    const baseSha = commitBase(scenario);
    replaceIn(
      scenario,
      'users.yml',
      '  ReadOnlyRole:\n    - carol\n',
      '  ReadOnlyRole:\n    - carol\n    - dave\n',
    );
    const result = await planFrom(scenario, baseSha);

    expect(result.exitCode).toBe(0);
    const comment = theComment(scenario);
    expect(result.outputs['escalations']).toBe('0');
    expect(comment).not.toContain('Access escalation');
    expect(head(comment)).toEqual([]);
    expect(comment).toContain('| `dave` | `staging.ReadOnlyRole` (read-only) |  |');
    const access = accessChanges(result);
    expect(access.escalations).toBe(0);
    expect(access.warnings).toEqual([]);
    expect(access.users).toEqual([
      { user: 'dave', gains: [{ account: 'staging', role: 'ReadOnlyRole', level: 'read-only' }], losses: [] },
    ]);
  });

  test('a PR removing the MFA condition from a trust policy warns that the trust is widened', async () => {
    const baseSha = commitBase(scenario);
    replaceIn(
      scenario,
      'roles.yml',
      "            Condition:\n              Bool:\n                aws:MultiFactorAuthPresent: 'true'\n              NumericLessThan:\n                aws:MultiFactorAuthAge: !Ref MfaMaxAgeSeconds\n      ManagedPolicyArns:",
      '      ManagedPolicyArns:',
    );
    const result = await planFrom(scenario, baseSha);

    expect(result.exitCode).toBe(0);
    const comment = theComment(scenario);
    const top = plain(head(comment).join('\n'));
    expect(top).toContain(
      '🔴 **Trust policy widened** (every account): `ReadOnlyRole`: MFA no longer required for ${AssumingAccountID}:root',
    );
    expect(top).toContain('and 1 more change.');
    // Who is affected: the role's members in every account.
    expect(top).toContain('Held by `alice`, `bob`, `carol` in `prod`; `carol` in `staging`; `bob` in `cdn`.');
    expect(comment).toContain('#### `ReadOnlyRole`: read-only, unchanged');
    expect(comment).toContain('🔴 **Trust policy widened**: MFA no longer required for');
    const access = accessChanges(result);
    expect(access.warnings.map((w) => [w.kind, w.role])).toEqual([['trust-widened', 'ReadOnlyRole']]);
    expect(result.outputs['escalations']).toBe('1');
  });

  test("a role's policy change is shown statement by statement and its rise in power warned", async () => {
    const baseSha = commitBase(scenario);
    replaceIn(
      scenario,
      'roles.yml',
      '        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\n',
      "        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\n      Policies:\n        - PolicyName: PassRoles\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - Effect: Allow\n                Action: iam:PassRole\n                Resource: '*'\n",
    );
    const result = await planFrom(scenario, baseSha);

    expect(result.exitCode).toBe(0);
    const comment = theComment(scenario);
    expect(plain(head(comment).join('\n'))).toContain(
      '🔴 **Role grants iam-write** (every account): ReadOnlyRole now grants iam-write (was read-only)',
    );
    expect(comment).toContain('### Role permissions');
    expect(comment).toContain('#### `ReadOnlyRole`: read-only → **iam-write**');
    expect(comment).toContain('| + | Allow | `iam:PassRole` | `*` |  | inline policy PassRoles |');
    expect(accessChanges(result).warnings.map((w) => w.kind)).toEqual(['grant-iam-write']);
  });
});

describe('list', () => {
  test('shows the access matrix with levels and ready-to-paste profiles with mfa_serial', async () => {
    const result = await scenario.dispatch('list');
    expect(result.exitCode).toBe(0);
    expect(result.summary).toContain('### Access matrix');
    expect(result.summary).toContain('| User | prod | staging | cdn |');
    expect(result.summary).toContain(
      '| `alice` | `AdminRole` (admin)<br>`ReadOnlyRole` (read-only) | `AdminRole` (admin) |  |',
    );
    expect(result.summary).toContain(
      '| `carol` | `ReadOnlyRole` (read-only) | `ReadOnlyRole` (read-only) | `SuperUserRole` (write) |',
    );
    const prodAdmin = scenario.aws
      .iamState(ACCOUNTS.prod)
      .roles.find((r) => r.name.startsWith('RoleModel-AdminRole-'));
    expect(result.summary).toContain(
      [
        '[profile prod-AdminRole]',
        `role_arn = ${prodAdmin?.arn ?? 'missing'}`,
        'source_profile = rolemodel-master',
        `mfa_serial = arn:aws:iam::${MASTER}:mfa/alice`,
      ].join('\n'),
    );
    expect(result.summary).toContain('<details><summary>alice: 3 roles</summary>');
    expect(result.summary).toContain(
      `(https://signin.aws.amazon.com/switchrole?account=${ACCOUNTS.prod}&roleName=${prodAdmin?.name ?? ''}&displayName=prod.AdminRole)`,
    );
    const json = JSON.parse(readFileSync(result.outputs['plan-json'] ?? '', 'utf8')) as {
      access: { userName: string; roles: { group: string; level: string; requiresMfa: boolean }[] }[];
    };
    expect(
      json.access.find((u) => u.userName === 'dave')?.roles.map((r) => [r.group, r.level, r.requiresMfa]),
    ).toEqual([
      ['prod.FinanceRole', 'read-only', true],
      ['cdn.FinanceRole', 'read-only', true],
    ]);
  });
});
