// The first step of every command: read and check the files, annotate every problem.
import * as core from '@actions/core';
import { setOutput } from '../github/outputs.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import { loadRepository } from '../core/load-repository.ts';
import type { LoadResult } from '../core/load-repository.ts';
import { annotate } from '../github/annotations.ts';
import { workspaceReader } from '../io/workspace-reader.ts';
import type { RunContext } from './context.ts';

export const loadAndAnnotate = (context: RunContext): LoadResult => {
  const result = loadRepository(
    workspaceReader(context.workspace),
    context.inputs.config,
    context.inputs.awsRegion,
  );
  annotate(result.diagnostics);
  const errors = countErrors(result.diagnostics);
  setOutput('error-count', String(errors));
  if (!hasErrors(result.diagnostics) && result.repository) {
    const { config, template, desired } = result.repository;
    core.info(
      `Read ${config.file}: ${config.accounts.length} account(s), ${template.roles.length} role(s), ${desired.groups.length} group(s).`,
    );
  }
  return result;
};
