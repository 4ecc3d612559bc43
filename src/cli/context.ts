// What every command of the command line receives: the request, where it runs, how to talk
// to the person. Built once in main.ts from the process; commands read no environment and
// write through `out` (results) and `err` (messages, prompts) only.
import type { Style } from '../core/render/terminal/style.ts';
import type { Request } from './args.ts';

export interface CliContext {
  readonly request: Request;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  readonly platform: NodeJS.Platform;
  /** For standard output, and for standard error. */
  readonly style: Style;
  readonly errStyle: Style;
  /** Standard error is a terminal: progress notes are worth showing. */
  readonly chatty: boolean;
  readonly version: string;
  out(text: string): void;
  err(text: string): void;
  /** Asks on standard error and reads one line; undefined when input has ended. */
  ask(question: string): string | undefined;
  now(): number;
}

/** A failure the person can act on: one line on standard error, exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
