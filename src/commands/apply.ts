// `apply`: recompute the plan from the merged files and live AWS, then execute it. Stacks
// first (in parallel), then the master account's groups with the roles' real ARNs. A failed
// account does not stop the others; the run reports each outcome and fails if any failed.
import { applyMasterGroups, applyStacks } from '../aws/apply-plan.ts';
import { planOfFiles } from '../core/plan/drift.ts';
import type { ApplyLog } from '../aws/apply-plan.ts';
import { deleteChangeSets } from '../aws/cloudformation/discard-kept.ts';
import { observe } from '../aws/observe.ts';
import { observeOptions, stackApplyTiming } from '../aws/wait-timing.ts';
import { hasErrors } from '../core/diagnostics.ts';
import type { Plan } from '../core/plan/types.ts';
import { renderPlanSummaryLine } from '../core/render/summary-line.ts';
import { applyFailed } from '../core/report/types.ts';
import type { AccountResult, GroupResult, RunReport } from '../core/report/types.ts';
import type { RunContext } from '../run-context.ts';
import { plural } from '../core/render/markdown.ts';
import { wideningText } from '../core/review/text.ts';
import { unreviewedOf } from '../core/review/classify.ts';
import { prepare } from './prepare.ts';
import { checkReviewed, pushBase } from './review-check.ts';
import { baseEndsOf } from './base-ends.ts';
import type { Log, Services } from './services.ts';

const applyLog = (log: Log): ApplyLog => ({
  warn: (message) => log.warning(message),
  section: (title, lines) => log.fold(title, lines),
});

const verdict = (
  before: Plan,
  accounts: readonly AccountResult[],
  groups: readonly GroupResult[],
): { failed: boolean; headline: string } => {
  const failures = [
    ...accounts.filter((a) => a.state === 'failed').map((a) => `${a.accountName}: ${a.detail}`),
    ...groups.filter((g) => g.state !== 'done').map((g) => `${g.group}: ${g.detail}`),
  ];
  return applyFailed({ accounts, groups })
    ? { failed: true, headline: ['Apply finished with failures:', ...failures].join('\n') }
    : { failed: false, headline: `Applied. ${renderPlanSummaryLine(before.summary)}` };
};

export const applyCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const prepared = prepare('apply', context, services);
  if (!prepared.ok) return prepared.report;
  const { repository, session, diagnostics } = prepared;
  const { timing, inputs } = context;
  const log = applyLog(services.log);
  const observation = await services.log.group('Reading AWS', () =>
    observe(repository, session, observeOptions(timing, 'apply', inputs.maxConcurrency)),
  );
  const base = await pushBase(context, services);
  const before = planOfFiles(repository, observation.accounts, observation.master, {
    baseEnds: baseEndsOf(base),
  });
  services.log.info(`Plan: ${renderPlanSummaryLine(before.summary)}`);
  // Problems found while planning (an unknown user) are errors of the files, as in `plan`.
  const allDiagnostics = [...diagnostics, ...before.diagnostics];
  if (hasErrors(before.diagnostics)) {
    await deleteChangeSets(session, observation.changeSets, (m) => services.log.warning(m));
    const headline = 'The plan has errors; nothing was applied.';
    return {
      kind: 'apply',
      outcome: 'plan-errors',
      plan: before,
      failed: true,
      headline,
      diagnostics: allDiagnostics,
    };
  }
  // Nothing is applied that no reviewed plan showed: checked before the first change.
  const review = await checkReviewed(context, services, repository, observation, before, base);
  const unreviewed = unreviewedOf(review.widenings);
  for (const w of unreviewed) services.log.info(`Unreviewed: ${wideningText(w)}`);
  if (unreviewed.length > 0 && review.mode === 'refuse') {
    await deleteChangeSets(session, observation.changeSets, (m) => services.log.warning(m));
    return {
      kind: 'apply',
      outcome: 'unreviewed',
      plan: before,
      review,
      failed: true,
      headline: `Nothing was applied: ${plural(unreviewed.length, 'widening')} of access that no reviewed plan showed (see the job summary).`,
      diagnostics: allDiagnostics,
    };
  }
  const stacks = await applyStacks(
    repository,
    session,
    observation,
    before,
    inputs.maxConcurrency,
    stackApplyTiming(timing),
    log,
  );
  const master = await applyMasterGroups(
    repository,
    session,
    observation,
    stacks,
    inputs.iamConcurrency,
    log,
  );
  return {
    kind: 'apply',
    outcome: 'applied',
    plan: before,
    accounts: stacks.results,
    groups: master.groups,
    mutatingCalls: master.mutatingCalls,
    review,
    ...verdict(before, stacks.results, master.groups),
    diagnostics: allDiagnostics,
  };
};
