// `apply`: recompute the plan from the merged files and live AWS, then execute it. Stacks
// first (in parallel), then the master account's groups with the roles' real ARNs. A failed
// account does not stop the others; the run reports each outcome and fails if any failed.
import * as core from '@actions/core';
import { applyMasterGroups, applyStacks, planFrom } from '../aws/apply-plan.ts';
import type { ApplyLog } from '../aws/apply-plan.ts';
import { deleteChangeSets } from '../aws/cloudformation/discard-kept.ts';
import { observe } from '../aws/observe.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import { applyFailed, renderApplyReport } from '../core/render/apply-report.ts';
import type { ApplyReport } from '../core/render/apply-report.ts';
import { renderDiagnostics } from '../core/render/diagnostics.ts';
import { renderPlanSummaryLine } from '../core/render/plan.ts';
import { annotate } from '../github/annotations.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { notPrepared, prepare } from './prepare.ts';
import { runTiming } from './run-facts.ts';

/** The action's log: warnings as annotations, each section as a folded log group. */
const actionLog: ApplyLog = {
  warn: (message) => core.warning(message),
  section: (title, lines) => {
    core.startGroup(title);
    lines.forEach((l) => core.info(l));
    core.endGroup();
  },
};

export const applyCommand = async (context: RunContext): Promise<CommandOutcome> => {
  const prepared = prepare(context);
  if (!prepared.ok) return notPrepared('apply', prepared);
  const { repository, session } = prepared;
  const timing = runTiming();
  const observation = await core.group('Reading AWS', () =>
    observe(repository, session, {
      maxConcurrency: context.inputs.maxConcurrency,
      keepChangeSets: true,
      changeSetName: timing.changeSetName('apply'),
      maxWaitSeconds: timing.applyWaitSeconds,
      pollDelayMs: timing.pollDelayMs,
      maxPollDelayMs: timing.maxPollDelayMs,
    }),
  );
  const before = planFrom(repository, observation.accounts, observation);
  core.info(`Plan: ${renderPlanSummaryLine(before.summary)}`);
  if (hasErrors(before.diagnostics)) {
    annotate(before.diagnostics);
    // Problems found while planning (an unknown user) are errors of the files, as in `plan`.
    setOutput('error-count', String(countErrors([...prepared.diagnostics, ...before.diagnostics])));
    await deleteChangeSets(session, observation.changeSets);
    const headline = 'The plan has errors; nothing was applied.';
    const report = `## RoleModel apply\n\n❌ ${headline}\n\n${renderDiagnostics(before.diagnostics)}`;
    await core.summary.addRaw(report).write();
    setFileOutput('plan-markdown', 'apply.md', report);
    return { failed: true, headline };
  }

  const stacks = await applyStacks(
    repository,
    session,
    observation,
    before,
    context.inputs.maxConcurrency,
    {
      changeSetName: () => timing.changeSetName('apply'),
      maxWaitSeconds: timing.applyWaitSeconds,
      pollDelayMs: timing.pollDelayMs,
      maxPollDelayMs: timing.maxPollDelayMs,
    },
    actionLog,
  );
  const { groups, mutatingCalls } = await applyMasterGroups(
    repository,
    session,
    observation,
    stacks,
    Math.min(8, context.inputs.maxConcurrency),
    actionLog,
  );
  const report: ApplyReport = {
    plan: before,
    accounts: stacks.results,
    groups,
    mutatingCalls,
  };
  const markdown = renderApplyReport(report);
  await core.summary.addRaw(markdown).write();
  setOutput('has-changes', String(before.hasChanges));
  setFileOutput(
    'plan-json',
    'apply.json',
    `${JSON.stringify({ command: 'apply', plan: before, accounts: report.accounts, groups: report.groups }, null, 2)}\n`,
  );
  setFileOutput('plan-markdown', 'apply.md', markdown);
  if (applyFailed(report)) {
    const failures = [
      ...report.accounts.filter((a) => a.state === 'failed').map((a) => `${a.accountName}: ${a.detail}`),
      ...groups.filter((g) => g.state !== 'done').map((g) => `${g.group}: ${g.detail}`),
    ];
    return { failed: true, headline: ['Apply finished with failures:', ...failures].join('\n') };
  }
  return { failed: false, headline: `Applied. ${renderPlanSummaryLine(before.summary)}` };
};
