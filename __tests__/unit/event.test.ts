import { refuseCommand as refuseUnreviewed, resolveCommand } from '../../src/github/event.ts';
import { code, escapeMarkdown } from '../../src/core/render/escape.ts';

describe('command resolution', () => {
  test.each([
    ['pull_request', undefined, 'plan'],
    ['push', undefined, 'apply'],
    ['schedule', undefined, 'expire'],
    ['workflow_dispatch', { command: 'delete' }, 'delete'],
    ['workflow_dispatch', {}, 'list'],
  ] as const)('auto on %s runs %s', (event, inputs, expected) => {
    expect(resolveCommand('auto', event, inputs)).toEqual({ ok: true, command: expected });
  });

  test('an explicit command wins over the event', () => {
    expect(resolveCommand('validate', 'push', undefined)).toEqual({ ok: true, command: 'validate' });
  });

  test('an unknown dispatch command or event is an error that lists the commands', () => {
    const bad = resolveCommand('auto', 'workflow_dispatch', { command: 'destroy' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/validate, plan, apply, list, delete/);
    expect(resolveCommand('auto', 'issues', undefined).ok).toBe(false);
  });
});

describe('markdown escaping', () => {
  test('neutralises HTML, links, mentions and formatting', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)> [x](http://evil) @org/team *bold* | pipe');
    expect(out).not.toMatch(/<img/);
    expect(out).not.toMatch(/\]\(/);
    expect(out).not.toMatch(/@org/);
    expect(out).toContain('\\*bold\\*');
    expect(out).toContain('\\|');
  });

  test('inline code survives backticks', () => {
    expect(code('a`b')).toBe('``a`b``');
  });
});

describe('commands that change AWS', () => {
  const facts = (eventName: string, ref: string | undefined) => ({
    eventName,
    ref,
    defaultBranch: 'main',
    foreignHead: false,
  });

  test.each(['apply', 'delete', 'expire'] as const)(
    '%s never runs for a pull request, even when asked explicitly',
    (command) => {
      expect(refuseUnreviewed(command, facts('pull_request', 'refs/pull/7/merge'))).toMatch(
        /never runs for a pull request/,
      );
      expect(refuseUnreviewed(command, facts('pull_request_target', 'refs/heads/main'))).toMatch(
        /never runs/,
      );
    },
  );

  test('apply runs only on the default branch', () => {
    expect(refuseUnreviewed('apply', facts('push', 'refs/heads/main'))).toBeUndefined();
    expect(refuseUnreviewed('apply', facts('push', 'refs/heads/feature'))).toMatch(
      /only on the default branch \(refs\/heads\/main\); this run is on refs\/heads\/feature/,
    );
    expect(refuseUnreviewed('delete', facts('workflow_dispatch', 'refs/heads/feature'))).toMatch(
      /only on the default branch/,
    );
  });

  test('expire runs for a schedule (whose payload names no branch) or a dispatch on the default branch only', () => {
    expect(
      refuseUnreviewed('expire', { ...facts('schedule', 'refs/heads/main'), defaultBranch: undefined }),
    ).toBeUndefined();
    expect(refuseUnreviewed('expire', facts('workflow_dispatch', 'refs/heads/main'))).toBeUndefined();
    expect(refuseUnreviewed('expire', facts('workflow_dispatch', 'refs/heads/feature'))).toMatch(
      /`expire` runs only on the default branch/,
    );
    expect(refuseUnreviewed('expire', facts('issue_comment', 'refs/heads/main'))).toMatch(
      /never runs for a issue_comment/,
    );
  });

  test('reading commands run anywhere', () => {
    expect(refuseUnreviewed('plan', facts('push', 'refs/heads/feature'))).toBeUndefined();
    expect(refuseUnreviewed('list', facts('pull_request', 'refs/pull/1/merge'))).toBeUndefined();
  });
});
