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

const written = new Set<string>();

/** Sets a step output, remembering it so the run can fill in the ones a failed path skipped. */
export const setOutput = (name: string, value: string): void => {
  written.add(name);
  core.setOutput(name, value);
};

/** Writes `content` to a file under RUNNER_TEMP and sets output `name` to its path. */
export const setFileOutput = (name: string, fileName: string, content: string): string => {
  const path = join(outputDir(), fileName);
  writeFileSync(path, content);
  setOutput(name, path);
  return path;
};

/**
 * Every run sets the outputs a workflow reads (`has-changes`, `plan-json`, `plan-markdown`),
 * even one that stopped early, so `steps.x.outputs.has-changes` is never empty.
 */
export const completeOutputs = (
  command: string,
  outcome: { readonly failed: boolean; readonly headline: string },
): void => {
  if (!written.has('has-changes')) setOutput('has-changes', 'false');
  if (!written.has('plan-json')) {
    setFileOutput(
      'plan-json',
      `${command}.json`,
      `${JSON.stringify({ command, failed: outcome.failed, message: outcome.headline }, null, 2)}\n`,
    );
  }
  if (!written.has('plan-markdown')) {
    setFileOutput(
      'plan-markdown',
      `${command}.md`,
      `## RoleModel ${command}\n\n${outcome.failed ? '❌' : '✅'} ${outcome.headline}\n`,
    );
  }
};
