// The mistakes of the validation table, each checked against the core: message, file, line, hint.
import { loadRepository } from '../../src/core/load-repository.ts';
import { filesOf, VALIDATION_CASES } from '../support/validation-cases.ts';
import { memoryReader, TEST_NOW } from './memory-reader.ts';

describe('validation of bad inputs', () => {
  test('the table has at least 40 cases', () => {
    expect(VALIDATION_CASES.length).toBeGreaterThanOrEqual(40);
  });

  test.each(VALIDATION_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { diagnostics, repository } = loadRepository(
      memoryReader(filesOf(c)),
      'rolemodel.yml',
      {},
      TEST_NOW,
    );
    const match = diagnostics.find((d) => c.message.test(d.message));
    if (!match)
      throw new Error(
        `no diagnostic matches ${c.message}; got:\n${diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')}`,
      );
    expect(match.severity).toBe('error');
    expect({ file: match.file, line: match.line }).toEqual({ file: c.file, line: c.line });
    expect(match.column).toBeGreaterThanOrEqual(1);
    if (c.hint) expect(match.hint).toMatch(c.hint);
    expect(match.hint?.length ?? 0).toBeGreaterThan(0);
    expect(repository).toBeUndefined();
  });
});
