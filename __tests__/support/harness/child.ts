// Runs a child process to completion while watching it: a hard timeout, an optional
// kill predicate polled while it runs, and a hook that gets a handle to kill it directly.
import { spawn } from 'node:child_process';

export interface RunningHandle {
  readonly pid: number | undefined;
  /** Sends the signal (SIGKILL by default) and records the kill as the hook's doing. */
  kill(signal?: NodeJS.Signals): void;
  /** Stdout received so far. */
  stdout(): string;
}

export interface ChildRequest {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Polled every pollMs while the child runs; true kills it with SIGKILL. */
  readonly killWhen?: (stdoutSoFar: string) => boolean;
  readonly pollMs?: number;
  readonly onRunning?: (handle: RunningHandle) => void | Promise<void>;
}

export interface ChildResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
  /** Why the harness killed the child, if it did. */
  readonly killedBy?: 'killWhen' | 'onRunning';
}

const tail = (s: string, n = 2000): string => (s.length > n ? `…${s.slice(-n)}` : s);

export const runChild = (req: ChildRequest): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(req.command, [...req.args], {
      cwd: req.cwd,
      env: req.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killedBy: ChildResult['killedBy'];
    let timedOut = false;
    let hookError: unknown;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));

    const killAs = (reason: NonNullable<ChildResult['killedBy']>, signal: NodeJS.Signals = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      killedBy ??= reason;
      child.kill(signal);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, req.timeoutMs);
    const poller = req.killWhen
      ? setInterval(() => {
          if (req.killWhen?.(stdout)) killAs('killWhen');
        }, req.pollMs ?? 5)
      : undefined;
    const stop = () => {
      clearTimeout(timer);
      if (poller) clearInterval(poller);
    };

    child.on('error', (err) => {
      stop();
      reject(new Error(`Could not start ${req.command} ${req.args.join(' ')}: ${err.message}`));
    });
    child.on('close', (exitCode, signal) => {
      stop();
      if (timedOut) {
        reject(
          new Error(
            `Action run timed out after ${req.timeoutMs} ms and was killed (${req.args.join(' ')}).\n` +
              `--- stdout (tail) ---\n${tail(stdout)}\n--- stderr (tail) ---\n${tail(stderr)}`,
          ),
        );
        return;
      }
      if (hookError !== undefined) {
        reject(new Error(`The onRunning hook failed: ${String(hookError)}`, { cause: hookError }));
        return;
      }
      resolve({
        exitCode,
        signal,
        stdout,
        stderr,
        durationMs: Date.now() - started,
        ...(killedBy ? { killedBy } : {}),
      });
    });

    if (req.onRunning) {
      const handle: RunningHandle = {
        pid: child.pid,
        kill: (signal) => killAs('onRunning', signal),
        stdout: () => stdout,
      };
      Promise.resolve(req.onRunning(handle)).catch((err: unknown) => {
        hookError = err;
        killAs('onRunning');
      });
    }
  });
