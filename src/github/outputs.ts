// Step outputs. Large ones (the plan) go to files under RUNNER_TEMP; the output is the path.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const outputDir = (): string => {
  const dir = join(
    process.env['RUNNER_TEMP'] || tmpdir(),
    `rolemodel-${process.env['GITHUB_RUN_ID'] ?? process.pid}`,
  );
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Writes `content` to a file under RUNNER_TEMP and sets output `name` to its path. */
export const setFileOutput = (name: string, fileName: string, content: string): string => {
  const path = join(outputDir(), fileName);
  writeFileSync(path, content);
  core.setOutput(name, path);
  return path;
};
