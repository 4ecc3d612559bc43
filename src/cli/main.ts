#!/usr/bin/env node
// The `rolemodel` command line's entry: the real process, handed to runCli, and its exit code.
import { homedir } from 'node:os';
import { isatty } from 'node:tty';
import packageJson from '../../package.json' with { type: 'json' };
import { readLine } from './prompt.ts';
import { runCli } from './program.ts';
import type { CliIo } from './program.ts';

const io: CliIo = {
  env: process.env,
  cwd: process.cwd(),
  home: process.env['HOME'] || homedir(),
  platform: process.platform,
  stdoutIsTty: process.stdout.isTTY === true,
  stderrIsTty: process.stderr.isTTY === true,
  // Not process.stdin: creating it would make descriptor 0 non-blocking for the programs run later.
  stdinIsTty: isatty(0),
  version: packageJson.version,
  write: (stream, text) => {
    (stream === 'stdout' ? process.stdout : process.stderr).write(text);
  },
  readLine: () => readLine(0),
  now: () => Date.now(),
};

const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => stream.write('', () => resolve()));

const code = await runCli(process.argv.slice(2), io);
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
