import { resolveCommand } from '../../src/github/event.ts';
import { code, escapeMarkdown } from '../../src/core/render/escape.ts';

describe('command resolution', () => {
  test.each([
    ['pull_request', undefined, 'plan'],
    ['push', undefined, 'apply'],
    ['schedule', undefined, 'plan'],
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
