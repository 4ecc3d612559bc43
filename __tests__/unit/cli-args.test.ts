// The command line's grammar: both argument orders of the original CLI, options per command,
// the program after `--`, and usage errors that name what to write.
import { parseArgs, UsageError } from '../../src/cli/args.ts';
import { parseDuration } from '../../src/cli/duration.ts';

const usageError = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error(`${argv.join(' ')} parsed`);
};

describe('parseArgs', () => {
  test('the original order: rolemodel config.yml update, and config.yml sync_users users.yml', () => {
    expect(parseArgs(['config.yml', 'update'])).toMatchObject({
      command: 'update',
      configOperand: 'config.yml',
      operands: [],
    });
    expect(parseArgs(['config.yml', 'sync_users', 'users.yml'])).toMatchObject({
      command: 'sync_users',
      configOperand: 'config.yml',
      operands: ['users.yml'],
    });
  });

  test('options anywhere, in both forms, short ones too; aliases of the commands', () => {
    expect(parseArgs(['-c', 'x.yml', 'apply', '-y', '--max-concurrency=4'])).toMatchObject({
      command: 'update',
      options: { config: 'x.yml', yes: true, 'max-concurrency': '4' },
    });
    expect(parseArgs(['sync-users']).command).toBe('sync_users');
    expect(parseArgs(['who_can', 'iam:PassRole']).command).toBe('who-can');
  });

  test('everything after -- is the program assume runs, its options included', () => {
    expect(
      parseArgs(['assume', 'prod.AdminRole', '--profile', 'me', '--', 'aws', '--profile', 'x', 's3', 'ls']),
    ).toMatchObject({
      command: 'assume',
      operands: ['prod.AdminRole'],
      options: { profile: 'me' },
      program: ['aws', '--profile', 'x', 's3', 'ls'],
    });
  });

  test('help: --help, -h, and help <command>', () => {
    expect(parseArgs(['plan', '-h'])).toMatchObject({ command: 'plan', options: { help: true } });
    expect(parseArgs(['help', 'assume'])).toMatchObject({ command: 'assume', options: { help: true } });
    expect(parseArgs(['help'])).toMatchObject({ command: undefined, options: { help: true } });
  });

  test.each([
    [['config.yml', 'update', '--config', 'other.yml'], 'the config is given twice'],
    [['a.yml', 'b.yml', 'plan'], 'unexpected "b.yml" before the command plan.'],
    [['plan', '--write'], '--write is not an option of plan.'],
    [['assume', '--duration'], '--duration needs a value (DURATION).'],
    [['list', '--json=yes'], '--json takes no value.'],
    [['list', '--profile', 'a', '--profile', 'b'], '--profile is given twice.'],
    [['updat'], 'unknown command "updat". Did you mean `update`?'],
    [['help', 'nothing'], 'no help for "nothing": it is not a command.'],
  ])('%j: %s', (argv, message) => {
    expect(usageError(argv)).toContain(message);
  });
});

describe('parseDuration', () => {
  test.each([
    ['3600', 3600],
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['1h30m', 5400],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text, 'duration', 'assume')).toBe(seconds);
  });

  test.each(['', 'h', '1d', '-5m', '1.5h'])('"%s" is refused', (text) => {
    expect(() => parseDuration(text, 'duration', 'assume')).toThrow(UsageError);
  });
});
