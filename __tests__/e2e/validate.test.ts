// The bundled action, run as a runner runs it, on a repository with mistakes and on the samples.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullRequestEvent, REPO_ROOT, runAction, workflowDispatchEvent } from '../support/harness/index.ts';

const workspaces: string[] = [];
const workspace = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rolemodel-ws-'));
  workspaces.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};
afterAll(() => workspaces.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('dist/index.js validate', () => {
  test('annotates every mistake at its file, line and column, and exits 1', async () => {
    const dir = workspace({
      'rolemodel.yml':
        'assumable_roles: roles.yml\nmaster_account_id: 012345678901\nusers: users.yml\nassumable_accounts:\n  - name: prod\n    account_id: "210987654321"\n',
      'roles.yml':
        'Resources:\n  AdminRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: !Sub "x"\n',
      'users.yml': 'prod:\n  AdminRol: [alice]\n  AdminRole: [bob, bob]\n',
    });
    const result = await runAction({
      event: workflowDispatchEvent({}),
      workspace: dir,
      inputs: { command: 'validate' },
    });
    try {
      expect(result.exitCode).toBe(1);
      const located = result.annotations.filter((a) => a.severity === 'error' && a.file !== undefined);
      expect(located.map((a) => [a.file, a.line, a.col])).toEqual([
        ['rolemodel.yml', 2, 20],
        ['users.yml', 2, 3],
        ['users.yml', 3, 20],
      ]);
      expect(located[0]?.message).toMatch(/dropped the leading zero/);
      expect(located[1]?.message).toMatch(/Did you mean `AdminRole`\?/);
      expect(located[2]?.message).toMatch(/listed twice/);
      expect(result.stdout).toMatch(/::error title=RoleModel,file=rolemodel\.yml,line=2,/);
      // A user's mistake is not a crash: no stack trace anywhere.
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      expect(result.outputs['error-count']).toBe('3');
      expect(result.summary).toMatch(/3 errors/);
    } finally {
      result.cleanup();
    }
  });

  test('the samples are valid: exit 0, outputs set, summary written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolemodel-ws-'));
    workspaces.push(dir);
    cpSync(join(REPO_ROOT, 'samples'), join(dir, 'samples'), { recursive: true });
    const result = await runAction({
      event: workflowDispatchEvent({}),
      workspace: dir,
      inputs: { command: 'validate', config: 'samples/rolemodel.yml' },
    });
    try {
      expect(result.annotations.filter((a) => a.severity === 'error')).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.outputs['has-changes']).toBe('false');
      expect(result.outputs['error-count']).toBe('0');
      expect(result.outputs['plan-json']).toContain(result.runnerTemp);
      expect(result.summary).toMatch(/The files are valid: 3 account/);
      expect(readFileSync(result.outputs['plan-markdown'] ?? '', 'utf8')).toBe(result.summary);
    } finally {
      result.cleanup();
    }
  });

  test.each([
    ['empty', ''],
    ['comment-only', '# Nobody yet: access is granted by pull request.\n'],
  ])('a user map that is %s is valid: no one is in any group, said in a notice', async (_kind, users) => {
    const dir = workspace({
      'rolemodel.yml':
        'assumable_roles: roles.yml\nmaster_account_id: "012345678901"\nusers: users.yml\nassumable_accounts:\n  - name: prod\n    account_id: "210987654321"\n',
      'roles.yml':
        'Resources:\n  AdminRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Statement: [] }\n',
      'users.yml': users,
    });
    const result = await runAction({
      event: workflowDispatchEvent({}),
      workspace: dir,
      inputs: { command: 'validate' },
    });
    try {
      expect(result.exitCode).toBe(0);
      expect(result.outputs['error-count']).toBe('0');
      const notices = result.annotations.filter((a) => a.severity === 'notice' && a.file === 'users.yml');
      expect(notices.map((a) => a.message)).toEqual([
        expect.stringMatching(/users\.yml lists no one: every group is emptied/),
      ]);
      expect(result.summary).toMatch(/The files are valid: 1 account\(s\), 1 group\(s\), 0 user\(s\)/);
    } finally {
      result.cleanup();
    }
  });

  test('a bad input is named, with what to write instead', async () => {
    const result = await runAction({
      event: pullRequestEvent({ number: 1 }),
      workspace: workspace({}),
      inputs: { command: 'validate', 'max-concurrency': 'lots' },
    });
    try {
      expect(result.exitCode).toBe(1);
      expect(result.annotations.map((a) => a.message).join('\n')).toMatch(
        /Input `max-concurrency` is "lots"; write a whole number/,
      );
    } finally {
      result.cleanup();
    }
  });
});
