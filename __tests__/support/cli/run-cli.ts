// Runs the bundled command line (dist/cli/index.js) as a person would: a separate process
// with an environment built from scratch (a temp HOME, the emulator as AWS_ENDPOINT_URL), an
// optional line of standard input, or a pseudo-terminal made by util-linux `script`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { DEFAULT_NODE, REPO_ROOT } from '../harness/paths.ts';

export const CLI_SCRIPT = join(REPO_ROOT, 'dist', 'cli', 'index.js');
/**
 * The machines' own Node (20), on which the command line must work too: the first `node` on
 * PATH outside node_modules (npm puts node_modules/.bin, with the npm package node@24, first).
 */
export const systemNode = (): string => {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '' || dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('No node on PATH outside node_modules.');
};

export interface CliRunOptions {
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Written to standard input, which then ends. Nothing (an ended input) by default. */
  readonly stdin?: string;
  /**
   * Run inside a pseudo-terminal (stdin, stdout and stderr are the terminal); `typed` is
   * typed into it once the output shows `when` (a prompt).
   */
  readonly terminal?: { readonly typed?: string; readonly when?: string };
  readonly node?: string;
  readonly timeoutMs?: number;
}

export interface CliResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  /** In a terminal, everything the program wrote is in `stdout`. */
  readonly stderr: string;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export const runCli = (options: CliRunOptions): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const node = options.node ?? DEFAULT_NODE;
    const argv = [node, CLI_SCRIPT, ...options.args];
    const env = Object.fromEntries(
      Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const [command, args] = options.terminal
      ? ['script', ['-q', '-e', '-f', '-c', argv.map(shellQuote).join(' '), '/dev/null']]
      : [node, argv.slice(1)];
    const child = spawn(command as string, args as string[], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      if (timedOut)
        reject(
          new Error(
            `rolemodel ${options.args.join(' ')} timed out.\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
          ),
        );
      else resolve({ exitCode, stdout, stderr });
    });
    const terminal = options.terminal;
    if (terminal?.typed !== undefined) {
      const typed = terminal.typed;
      const prompt = terminal.when ?? '';
      const typeWhenAsked = setInterval(() => {
        if (!stdout.includes(prompt)) return;
        clearInterval(typeWhenAsked);
        child.stdin.write(typed);
      }, 10);
      child.on('close', () => clearInterval(typeWhenAsked));
    } else if (terminal === undefined) {
      child.stdin.end(options.stdin ?? '');
    }
  });
