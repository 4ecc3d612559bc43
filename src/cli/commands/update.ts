// `rolemodel update` (the action's apply): the plan first, then, once confirmed, the stacks in
// every account and the groups in the master account. Declined, or refused for errors: the
// reviews are discarded and AWS is left as it was.
import { applyMasterGroups, applyStacks } from '../../aws/apply-plan.ts';
import type { ApplyLog } from '../../aws/apply-plan.ts';
import { discardReview } from '../../aws/cloudformation/cleanup.ts';
import type { Observation } from '../../aws/observe.ts';
import { stackApplyTiming } from '../../aws/wait-timing.ts';
import type { AwsSession } from '../../aws/session.ts';
import { applyFailed } from '../../core/report/types.ts';
import type { Applied } from '../../core/report/types.ts';
import { renderApplyReportText } from '../../core/render/terminal/apply-report.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { adminSession, concurrencyOf, timingOf } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { confirmed, printJson, validFiles, wantsJson } from './common.ts';
import { observeAll, planOf, showPlan } from './plan.ts';

/** Declined or failed before any change: the reviews go, review stacks included, as after a plan. */
const discardReviews = async (
  ctx: CliContext,
  session: AwsSession,
  observation: Observation,
): Promise<void> => {
  await Promise.all(
    [...observation.changeSets].map(async ([account, ref]) => {
      const client = session.accounts.get(account)?.cloudFormation;
      if (client !== undefined)
        await discardReview(client, ref, {
          warn: (m) => ctx.err(`${ctx.errStyle.yellow('warning')}: ${clean(m)}\n`),
        });
    }),
  );
};

export const updateCommand = async (ctx: CliContext): Promise<number> => {
  const { files, repository } = validFiles(ctx);
  const session = adminSession(ctx, files, repository);
  const observation = await observeAll(ctx, repository, session, true);
  const before = planOf(files, repository, observation);
  // Always shown: it is what the person confirms.
  showPlan(ctx, before, true);
  const stop = async (message: string): Promise<number> => {
    await discardReviews(ctx, session, observation);
    ctx.err(`${message}\n`);
    if (wantsJson(ctx)) printJson(ctx, { command: 'update', applied: false, plan: before });
    return EXIT.failed;
  };
  if (before.diagnostics.some((d) => d.severity === 'error'))
    return stop('The plan has errors; nothing was changed.');
  if (!before.hasChanges) {
    if (wantsJson(ctx)) printJson(ctx, { command: 'update', applied: false, plan: before });
    return EXIT.ok;
  }
  const where =
    before.summary.accountsChanging > 0 ? ` to ${before.summary.accountsChanging} account(s)` : '';
  if (!confirmed(ctx, `Apply these changes${where}?`))
    return stop('Not confirmed; nothing was changed. (--yes applies without asking.)');

  const timing = timingOf(ctx);
  const log: ApplyLog = {
    warn: (message) => ctx.err(`${ctx.errStyle.yellow('warning')}: ${clean(message)}\n`),
    section: (title, lines) =>
      ctx.err(`${[ctx.errStyle.bold(clean(title)), ...lines.map((l) => `  ${clean(l)}`)].join('\n')}\n`),
  };
  const concurrency = concurrencyOf(ctx);
  const stacks = await applyStacks(
    repository,
    session,
    observation,
    before,
    concurrency,
    stackApplyTiming(timing),
    log,
  );
  const groups = await applyMasterGroups(
    repository,
    session,
    observation,
    stacks,
    Math.min(8, concurrency),
    log,
  );
  const report: Applied = {
    plan: before,
    accounts: stacks.results,
    groups: groups.groups,
    mutatingCalls: groups.mutatingCalls,
  };
  if (wantsJson(ctx))
    printJson(ctx, {
      command: 'update',
      applied: true,
      plan: before,
      accounts: report.accounts,
      groups: report.groups,
    });
  else ctx.out(`\n${renderApplyReportText(report, ctx.style)}`);
  return applyFailed(report) ? EXIT.failed : EXIT.ok;
};
