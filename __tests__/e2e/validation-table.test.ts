// Every mistake of the validation table, through the bundled action as a runner runs it: the
// user sees an error annotation on that file and line with the message and a hint, the run
// exits 1, and nothing crashes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runAction, workflowDispatchEvent } from '../support/harness/index.ts';
import { filesOf, VALIDATION_CASES } from '../support/validation-cases.ts';
import type { ValidationCase } from '../support/validation-cases.ts';

const STACK_TRACE = /\n\s+at .*\(.*:\d+:\d+\)/;
const root = mkdtempSync(join(tmpdir(), 'rolemodel-table-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const workspaceOf = (index: number, c: ValidationCase): string => {
  const dir = join(root, String(index));
  for (const [name, content] of Object.entries(filesOf(c))) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
};

test.concurrent.each(VALIDATION_CASES.map((c, i) => [c.name, c, i] as const))(
  '%s',
  async (_name, c, index) => {
    const result = await runAction({
      event: workflowDispatchEvent({}),
      workspace: workspaceOf(index, c),
      inputs: { command: 'validate' },
    });
    try {
      expect(result.exitCode).toBe(1);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_TRACE);
      const errors = result.annotations.filter((a) => a.severity === 'error');
      // An annotation reads: the message, then on the next line what to write instead.
      const lines = (a: { message: string }) => a.message.split('\n');
      const match = errors.find((a) => c.message.test(lines(a)[0] ?? '') || c.message.test(a.message));
      if (!match)
        throw new Error(
          `no annotation matches ${c.message}; got:\n${errors.map((a) => `${a.file ?? '-'}:${a.line ?? '-'} ${a.message}`).join('\n')}`,
        );
      expect({ file: match.file, line: match.line }).toEqual({ file: c.file, line: c.line });
      expect(match.col).toBeGreaterThanOrEqual(1);
      const [, ...hint] = lines(match);
      expect(hint.join('\n').length).toBeGreaterThan(0);
      if (c.hint) expect(hint.join('\n')).toMatch(c.hint);
      expect(Number(result.outputs['error-count'])).toBeGreaterThanOrEqual(1);
    } finally {
      result.cleanup();
    }
  },
);
