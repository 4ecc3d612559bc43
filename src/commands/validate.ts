// `validate`: check the files without any AWS access.
import * as core from '@actions/core';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import { renderDiagnostics } from '../core/render/diagnostics.ts';
import { renderValidSummary } from '../core/render/valid-summary.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { loadAndAnnotate } from './load.ts';

export const validate = async (context: RunContext): Promise<CommandOutcome> => {
  const { repository, diagnostics } = loadAndAnnotate(context);
  const failed = hasErrors(diagnostics) || repository === undefined;
  const errorCount = countErrors(diagnostics);
  const markdown = failed
    ? renderDiagnostics(diagnostics)
    : `${renderValidSummary(repository.desired)}\n${renderDiagnostics(diagnostics)}`;
  const report = `## RoleModel: validate\n\n${markdown}`;
  await core.summary.addRaw(report).write();
  setFileOutput('plan-markdown', 'validate.md', report);
  setOutput('has-changes', 'false');
  setFileOutput(
    'plan-json',
    'validate.json',
    JSON.stringify(
      { command: 'validate', valid: !failed, diagnostics, desired: repository?.desired ?? null },
      null,
      2,
    ),
  );
  return failed
    ? {
        failed: true,
        headline: `${errorCount} error${errorCount === 1 ? '' : 's'} in the RoleModel files; see the annotations.`,
      }
    : { failed: false, headline: 'The RoleModel files are valid.' };
};
