// The command line's grammar: a command, its operands, options, and after `--` the program
// `assume` runs. The original CLI's order (`rolemodel config.yml update`, `rolemodel
// config.yml sync_users users.yml`) is read too. Pure: argv in, a typed request or a usage
// error out.
import { didYouMean } from '../core/suggest.ts';

export const COMMANDS = [
  'validate',
  'plan',
  'list',
  'update',
  'sync_users',
  'delete',
  'assume',
  'profiles',
  'explain',
  'who-can',
] as const;

export type Command = (typeof COMMANDS)[number];

const ALIASES: Readonly<Record<string, Command>> = {
  apply: 'update',
  'sync-users': 'sync_users',
  who_can: 'who-can',
};

export type OptionName =
  | 'config'
  | 'profile'
  | 'region'
  | 'json'
  | 'no-color'
  | 'help'
  | 'version'
  | 'max-concurrency'
  | 'yes'
  | 'confirm'
  | 'duration'
  | 'refresh-before'
  | 'format'
  | 'mfa-serial'
  | 'no-cache'
  | 'write'
  | 'source-profile'
  | 'account'
  | 'resource';

interface OptionSpec {
  readonly short?: string;
  /** The option takes a value: its name in help, e.g. PATH. */
  readonly value?: string;
  /** Commands that take it; every command when absent. */
  readonly commands?: readonly Command[];
  readonly help: string;
}

const ADMIN: readonly Command[] = ['validate', 'plan', 'list', 'update', 'sync_users', 'delete'];
const AWS_COMMANDS: readonly Command[] = [
  'plan',
  'list',
  'update',
  'sync_users',
  'delete',
  'assume',
  'profiles',
];

export const OPTIONS: Readonly<Record<OptionName, OptionSpec>> = {
  config: {
    short: 'c',
    value: 'PATH',
    commands: [...ADMIN, 'assume', 'profiles', 'explain', 'who-can'],
    help: 'the RoleModel config file (default rolemodel.yml; for assume and profiles only when given)',
  },
  profile: {
    value: 'NAME',
    commands: AWS_COMMANDS,
    help: 'AWS profile for your own credentials (default: AWS_PROFILE, then the standard chain)',
  },
  region: {
    value: 'REGION',
    commands: AWS_COMMANDS,
    help: 'AWS region (default: the config, AWS_REGION, the profile)',
  },
  json: { help: 'print one JSON document instead of text' },
  'no-color': { help: 'never colour the output (colour is used only on a terminal anyway)' },
  help: { short: 'h', help: 'show help' },
  version: { help: 'show the version' },
  'max-concurrency': {
    value: 'N',
    commands: ['plan', 'list', 'update', 'delete'],
    help: 'accounts worked on at once, 1-256 (default 8)',
  },
  yes: { short: 'y', commands: ['update', 'sync_users'], help: 'apply without asking for confirmation' },
  confirm: { value: 'NAME', commands: ['delete'], help: 'the stack name, instead of typing it when asked' },
  duration: {
    value: 'DURATION',
    commands: ['assume'],
    help: 'session length, e.g. 1h, 90m, 3600 (default 1h; at most the role maximum)',
  },
  'refresh-before': {
    value: 'DURATION',
    commands: ['assume'],
    help: 'get new credentials when the cached ones expire within this (default 15m)',
  },
  format: {
    value: 'FORMAT',
    commands: ['assume'],
    help: 'without a command: env (export lines, default), json, or credential-process',
  },
  'mfa-serial': {
    value: 'ARN',
    commands: ['assume'],
    help: 'your MFA device, and use MFA even when the config does not say it is required',
  },
  'no-cache': { commands: ['assume'], help: 'neither read nor write the credential cache' },
  write: {
    commands: ['profiles'],
    help: 'merge the profiles into your AWS config file (AWS_CONFIG_FILE or ~/.aws/config)',
  },
  'source-profile': {
    value: 'NAME',
    commands: ['profiles'],
    help: 'the profile with your own credentials (default: --profile, AWS_PROFILE, or default)',
  },
  account: { value: 'NAME', commands: ['who-can'], help: 'only this account of the config' },
  resource: { value: 'ARN', commands: ['who-can'], help: 'only this resource (default: any resource)' },
};

export type OptionValues = Readonly<Partial<Record<OptionName, string | true>>>;

export interface Request {
  /** Undefined when none was given (then help is shown). */
  readonly command: Command | undefined;
  /** Operands after the command. */
  readonly operands: readonly string[];
  /** The config given in the original order (`rolemodel config.yml update`). */
  readonly configOperand: string | undefined;
  readonly options: OptionValues;
  /** What follows `--`: the program `assume` runs. */
  readonly program: readonly string[] | undefined;
}

/** A mistake on the command line: exit code 2, and the command's help is pointed to. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly command: Command | undefined;
  constructor(message: string, command: Command | undefined) {
    super(message);
    this.command = command;
  }
}

export const commandOf = (word: string): Command | undefined =>
  (COMMANDS as readonly string[]).includes(word) ? (word as Command) : ALIASES[word];

const optionByName = (name: string): OptionName | undefined =>
  name in OPTIONS ? (name as OptionName) : undefined;

const optionByShort = (short: string): OptionName | undefined =>
  (Object.keys(OPTIONS) as OptionName[]).find((n) => OPTIONS[n].short === short);

interface Token {
  readonly option: OptionName;
  readonly written: string;
  readonly value: string | true;
}

/** Splits argv into option tokens, words, and what follows `--`. */
const scan = (
  argv: readonly string[],
): { tokens: Token[]; words: string[]; program: string[] | undefined } => {
  const tokens: Token[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return { tokens, words, program: argv.slice(i + 1) };
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const [head, inline] = long ? splitOnce(arg.slice(2), '=') : [arg.slice(1), undefined];
    const option = long ? optionByName(head) : head.length === 1 ? optionByShort(head) : undefined;
    if (option === undefined) {
      const known = Object.keys(OPTIONS).map((n) => `--${n}`);
      throw new UsageError(`unknown option ${arg}.${didYouMean(long ? `--${head}` : arg, known)}`, undefined);
    }
    const spec = OPTIONS[option];
    if (spec.value === undefined) {
      if (inline !== undefined)
        throw new UsageError(`${arg.split('=')[0] ?? arg} takes no value.`, undefined);
      tokens.push({ option, written: arg, value: true });
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-'))
      throw new UsageError(`${arg} needs a value (${spec.value}).`, undefined);
    if (inline === undefined) i++;
    tokens.push({ option, written: long ? `--${head}` : arg, value });
  }
  return { tokens, words, program: undefined };
};

const splitOnce = (text: string, separator: string): [string, string | undefined] => {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
};

interface Placed {
  readonly command: Command | undefined;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** `rolemodel help [command]`. */
  readonly help: boolean;
}

/** The command and what stands before it: nothing, or the config file (the original order). */
const placeCommand = (words: readonly string[]): Placed => {
  const index = words.findIndex((w) => commandOf(w) !== undefined || w === 'help');
  if (index < 0) {
    if (words.length === 0) return { command: undefined, before: [], after: [], help: false };
    const known = [...COMMANDS, ...Object.keys(ALIASES)];
    throw new UsageError(
      `unknown command "${words[0] ?? ''}".${didYouMean(words[0] ?? '', known)}`,
      undefined,
    );
  }
  const word = words[index] ?? '';
  if (word !== 'help')
    return {
      command: commandOf(word),
      before: words.slice(0, index),
      after: words.slice(index + 1),
      help: false,
    };
  const topic = words[index + 1];
  const command = topic === undefined ? undefined : commandOf(topic);
  if (topic !== undefined && command === undefined)
    throw new UsageError(`no help for "${topic}": it is not a command.`, undefined);
  return { command, before: [], after: [], help: true };
};

export const parseArgs = (argv: readonly string[]): Request => {
  const { tokens, words, program } = scan(argv);
  const placed = placeCommand(words);
  const options: Partial<Record<OptionName, string | true>> = placed.help ? { help: true } : {};
  const command = placed.command;
  for (const token of tokens) {
    const allowed = OPTIONS[token.option].commands;
    if (command !== undefined && allowed !== undefined && !allowed.includes(command))
      throw new UsageError(`${token.written} is not an option of ${command}.`, command);
    if (options[token.option] !== undefined && token.option !== 'help')
      throw new UsageError(`${token.written} is given twice.`, command);
    options[token.option] = token.value;
  }
  if (placed.before.length > 1)
    throw new UsageError(
      `unexpected "${placed.before[1] ?? ''}" before the command ${command ?? ''}.`,
      command,
    );
  const configOperand = placed.before[0];
  if (configOperand !== undefined && options.config !== undefined)
    throw new UsageError(
      'the config is given twice: as an operand before the command and with --config.',
      command,
    );
  if (program !== undefined && command !== 'assume')
    throw new UsageError('only `assume` runs a program after `--`.', command);
  return {
    command,
    operands: placed.after,
    configOperand,
    options,
    program,
  };
};
