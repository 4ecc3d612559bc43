// Runs the person's program with the role's credentials in its environment and hands back its
// exit code (128 + the signal number when a signal ended it, as shells report it).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { TemporaryCredentials } from '../aws/assume-role.ts';
import { CliError } from './context.ts';

/** The environment of the program: the person's, with the role's credentials and no profile that would win over them. */
export const roleEnvironment = (
  env: Readonly<Record<string, string | undefined>>,
  credentials: TemporaryCredentials,
  region: string | undefined,
): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && k !== 'AWS_PROFILE' && k !== 'AWS_DEFAULT_PROFILE') out[k] = v;
  out['AWS_ACCESS_KEY_ID'] = credentials.accessKeyId;
  out['AWS_SECRET_ACCESS_KEY'] = credentials.secretAccessKey;
  out['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  out['AWS_CREDENTIAL_EXPIRATION'] = credentials.expiration.toISOString();
  if (region !== undefined) {
    out['AWS_REGION'] = region;
    out['AWS_DEFAULT_REGION'] = region;
  }
  return out;
};

export const runProgram = (
  program: readonly string[],
  env: Record<string, string>,
  cwd: string,
): Promise<number> =>
  new Promise((resolve, reject) => {
    const [command, ...args] = program;
    if (command === undefined) {
      reject(new CliError('Nothing to run after `--`.'));
      return;
    }
    const child = spawn(command, args, { stdio: 'inherit', env, cwd });
    // The terminal sends Ctrl-C to both; the program decides, and its exit code is ours.
    const ignore = (): void => undefined;
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onTerm = forward('SIGTERM');
    const onHup = forward('SIGHUP');
    process.on('SIGINT', ignore);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
    const done = () => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      done();
      reject(
        new CliError(
          e.code === 'ENOENT' ? `${command}: command not found.` : `Could not run ${command}: ${e.message}`,
        ),
      );
    });
    child.on('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
