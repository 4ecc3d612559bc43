// The command line from argv to exit code: parse, show help, run the command, and turn every
// failure into one line on standard error with exit code 1 (failed) or 2 (usage).
import { errorText } from '../aws/error-text.ts';
import { ProfileCredentialError } from '../aws/profile-session.ts';
import { chooseStyle } from '../core/render/terminal/style.ts';
import { clean } from '../core/render/terminal/escape.ts';
import { UsageError, parseArgs } from './args.ts';
import type { Command, Request } from './args.ts';
import { assumeCommand } from './commands/assume.ts';
import { deleteCommand } from './commands/delete.ts';
import { explainCommand } from './commands/explain.ts';
import { listCommand } from './commands/list.ts';
import { planCommand } from './commands/plan.ts';
import { profilesCommand } from './commands/profiles.ts';
import { syncUsersCommand } from './commands/sync-users.ts';
import { updateCommand } from './commands/update.ts';
import { validateCommand } from './commands/validate.ts';
import { whoCanCommand } from './commands/who-can.ts';
import type { CliContext } from './context.ts';
import { CliError, EXIT } from './context.ts';
import { commandHelp, programHelp } from './help.ts';

const COMMAND_HANDLERS: Readonly<Record<Command, (ctx: CliContext) => Promise<number>>> = {
  validate: validateCommand,
  plan: planCommand,
  list: listCommand,
  update: updateCommand,
  sync_users: syncUsersCommand,
  delete: deleteCommand,
  assume: assumeCommand,
  profiles: profilesCommand,
  explain: explainCommand,
  'who-can': whoCanCommand,
};

/** The process, as the command line sees it: built in main.ts, replaced in tests. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly home: string;
  readonly platform: NodeJS.Platform;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly stdinIsTty: boolean;
  readonly version: string;
  write(stream: 'stdout' | 'stderr', text: string): void;
  readLine(): string | undefined;
  now(): number;
}

const contextOf = (io: CliIo, request: Request): CliContext => {
  const noColor = request.options['no-color'] === true;
  const errStyle = chooseStyle(io.stderrIsTty, io.env, noColor);
  return {
    request,
    cwd: io.cwd,
    env: io.env,
    home: io.home,
    platform: io.platform,
    style: chooseStyle(io.stdoutIsTty, io.env, noColor),
    errStyle,
    chatty: io.stderrIsTty,
    version: io.version,
    out: (text) => io.write('stdout', text),
    err: (text) => io.write('stderr', text),
    ask: (question) => {
      io.write('stderr', errStyle.bold(question));
      const answer = io.readLine();
      // Typed answers end the line themselves; piped ones do not show.
      if (!io.stdinIsTty) io.write('stderr', '\n');
      return answer;
    },
    now: () => io.now(),
  };
};

const usage = (io: CliIo, message: string, command: Command | undefined): number => {
  io.write(
    'stderr',
    `rolemodel: ${clean(message)}\nRun 'rolemodel ${command === undefined ? '' : `${command} `}--help' for usage.\n`,
  );
  return EXIT.usage;
};

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let request: Request;
  try {
    request = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message, e.command);
    throw e;
  }
  if (request.options.version === true) {
    io.write('stdout', `rolemodel ${io.version}\n`);
    return EXIT.ok;
  }
  const command = request.command;
  if (request.options.help === true) {
    io.write('stdout', command === undefined ? programHelp(io.version) : commandHelp(command));
    return EXIT.ok;
  }
  if (command === undefined) {
    io.write('stderr', programHelp(io.version));
    return EXIT.usage;
  }
  try {
    return await COMMAND_HANDLERS[command](contextOf(io, request));
  } catch (e) {
    if (e instanceof UsageError) return usage(io, e.message, e.command ?? command);
    if (e instanceof CliError || e instanceof ProfileCredentialError) {
      io.write('stderr', `rolemodel: ${clean(e.message)}\n`);
      return EXIT.failed;
    }
    io.write('stderr', `rolemodel ${command} failed: ${clean(errorText(e))}\n`);
    if (io.env['ROLEMODEL_DEBUG'] && e instanceof Error && e.stack) io.write('stderr', `${e.stack}\n`);
    return EXIT.failed;
  }
};
