// The per-run directory tree: runner temp, a home without ~/.aws, the event file and the
// file-command files the runner creates empty before a step starts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunFiles } from './runner-env.ts';

export interface RunDirs {
  readonly root: string;
  readonly runnerTemp: string;
  readonly home: string;
  readonly defaultWorkspace: string;
  readonly files: RunFiles;
}

export const createRunDirs = async (eventPayload: unknown): Promise<RunDirs> => {
  const root = await mkdtemp(join(tmpdir(), 'rolemodel-run-'));
  const runnerTemp = join(root, 'runner-temp');
  const commands = join(runnerTemp, '_runner_file_commands');
  const home = join(root, 'home');
  const defaultWorkspace = join(root, 'workspace');
  await Promise.all([runnerTemp, commands, home, defaultWorkspace].map((d) => mkdir(d, { recursive: true })));
  const files: RunFiles = {
    eventPath: join(root, 'event.json'),
    output: join(commands, 'set_output'),
    summary: join(commands, 'step_summary'),
    state: join(commands, 'save_state'),
    env: join(commands, 'set_env'),
    path: join(commands, 'add_path'),
  };
  await writeFile(files.eventPath, JSON.stringify(eventPayload, null, 2));
  await Promise.all(
    [files.output, files.summary, files.state, files.env, files.path].map((f) => writeFile(f, '')),
  );
  return { root, runnerTemp, home, defaultWorkspace, files };
};

export const removeRunDirs = (dirs: RunDirs): Promise<void> =>
  rm(dirs.root, { recursive: true, force: true });
