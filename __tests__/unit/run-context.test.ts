// The run's time is read once, by the run context: ROLEMODEL_NOW sets it (tests, replays); a
// value that is not a time stops the run with a message that says what to write.
import { readRunFacts } from '../../src/run-context.ts';
import { runCommand } from '../../src/run.ts';
import type { Services } from '../../src/commands/services.ts';
import { readInputs } from '../../src/inputs.ts';

const services: Services = {
  log: {
    info: () => undefined,
    warning: () => undefined,
    debug: () => undefined,
    fold: () => undefined,
    group: (_title, work) => work(),
  },
  github: undefined,
  credentials: { idToken: async () => '', mask: () => undefined, audience: 'sts.amazonaws.com' },
};

describe("the run's time", () => {
  test('ROLEMODEL_NOW sets it; without it, it is the clock', () => {
    expect(readRunFacts({ ROLEMODEL_NOW: '2026-12-03T18:00:00+01:00' }).now.toISOString()).toBe(
      '2026-12-03T17:00:00.000Z',
    );
    const before = Date.now();
    const facts = readRunFacts({});
    expect(facts.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(facts.nowProblem).toBeUndefined();
  });

  test.each(['yesterday', '2026-12-03', '2026-12-03T18:00:00', '2026-13-03T18:00:00Z'])(
    'ROLEMODEL_NOW=%s stops the run before any command',
    async (written) => {
      const facts = readRunFacts({ ROLEMODEL_NOW: written, GITHUB_EVENT_NAME: 'schedule' });
      expect(facts.nowProblem).toMatch(
        /^ROLEMODEL_NOW is ".*", which is not a time: write an ISO 8601 time with a zone/,
      );
      const report = await runCommand(
        facts,
        readInputs(() => ''),
        services,
      );
      expect(report).toMatchObject({ kind: 'stopped', failed: true, headline: facts.nowProblem });
    },
  );

  test('the expire inputs are checked like the others', () => {
    const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');
    expect(read({})).toMatchObject({ ok: true, inputs: { repairDrift: false, expiringWithin: 7 } });
    expect(read({ 'repair-drift': 'TRUE', 'expiring-within': '0' })).toMatchObject({
      ok: true,
      inputs: { repairDrift: true, expiringWithin: 0 },
    });
    expect(read({ 'repair-drift': 'yes', 'expiring-within': '1.5' })).toEqual({
      ok: false,
      errors: [
        'Input `repair-drift` is "yes"; write true or false.',
        'Input `expiring-within` is "1.5"; write a whole number of days from 0 to 3660 (default 7).',
      ],
    });
  });
});
