// `rolemodel plan`: the action's plan against live AWS with the person's credentials; nothing
// changes (the review change sets are deleted again).
import { observe } from '../../aws/observe.ts';
import { observeOptions } from '../../aws/wait-timing.ts';
import type { Observation } from '../../aws/observe.ts';
import type { AwsSession } from '../../aws/session.ts';
import { hasErrors } from '../../core/diagnostics.ts';
import type { Repository } from '../../core/load-repository.ts';
import { planOfFiles } from '../../core/plan/drift.ts';
import type { Plan } from '../../core/plan/types.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { renderPlanText } from '../../core/render/terminal/plan.ts';
import { adminSession, concurrencyOf, timingOf } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import type { LoadedFiles } from '../repository.ts';
import { humanOutput, note, printJson, showDiagnostics, validFiles, wantsJson } from './common.ts';

/** Reads the master account and reviews every account's stack; `keep` keeps the change sets for update. */
export const observeAll = async (
  ctx: CliContext,
  repository: Repository,
  session: AwsSession,
  keep: boolean,
): Promise<Observation> => {
  const timing = timingOf(ctx);
  note(ctx, `Reading the master account and ${repository.config.accounts.length} account(s)…`);
  return observe(
    repository,
    session,
    observeOptions(timing, keep ? 'apply' : 'plan', concurrencyOf(ctx), {
      warn: (message) => ctx.err(`${ctx.errStyle.yellow('warning')}: ${clean(message)}\n`),
    }),
  );
};

/** The plan, with its diagnostics' files shown relative to the current folder. */
export const planOf = (files: LoadedFiles, repository: Repository, observation: Observation): Plan => {
  const result = planOfFiles(repository, observation.accounts, observation.master, { accessReview: true });
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, file: files.show(d.file) })) };
};

/** The plan for people (on standard error when standard output carries JSON); its problems as file:line lines on standard error. */
export const showPlan = (ctx: CliContext, result: Plan, always = false): void => {
  const human = humanOutput(ctx);
  if (!wantsJson(ctx) || ctx.chatty || always)
    human.write(renderPlanText({ ...result, diagnostics: [] }, human.style));
  showDiagnostics(ctx, result.diagnostics);
};

export const planFailed = (result: Plan): boolean =>
  hasErrors(result.diagnostics) || result.stacks.some((s) => s.action === 'error' || s.action === 'blocked');

export const planCommand = async (ctx: CliContext): Promise<number> => {
  const { files, repository } = validFiles(ctx);
  const session = adminSession(ctx, files, repository);
  const result = planOf(files, repository, await observeAll(ctx, repository, session, false));
  showPlan(ctx, result);
  if (wantsJson(ctx)) printJson(ctx, { command: 'plan', ...result });
  return planFailed(result) ? EXIT.failed : EXIT.ok;
};
