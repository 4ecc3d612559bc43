// How a run waits on CloudFormation, the same for the action and the command line: read from
// ROLEMODEL_POLL_DELAY_MS and ROLEMODEL_MAX_WAIT_SECONDS of the environment it is given, and
// turned into the options of a plan's reading (change sets deleted) or an apply's (kept).
import type { StackApplyTiming } from './apply-plan.ts';
import type { ObserveOptions } from './observe.ts';

/** A plan reviews and deletes its change sets; an apply keeps them to execute. */
export type RunPurpose = 'plan' | 'apply';

export interface WaitTiming {
  readonly pollDelayMs: number;
  /** Waiters back off up to this; 15 polls' worth, at most 30 s as on AWS. */
  readonly maxPollDelayMs: number;
  readonly planWaitSeconds: number;
  readonly applyWaitSeconds: number;
  changeSetName(purpose: RunPurpose): string;
}

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export const waitTimingOf = (
  env: Readonly<Record<string, string | undefined>>,
  changeSetName: (purpose: RunPurpose) => string,
): WaitTiming => {
  const pollDelayMs = positive(env['ROLEMODEL_POLL_DELAY_MS'], 2000);
  return {
    pollDelayMs,
    maxPollDelayMs: Math.min(30_000, pollDelayMs * 15),
    planWaitSeconds: positive(env['ROLEMODEL_MAX_WAIT_SECONDS'], 300),
    applyWaitSeconds: positive(env['ROLEMODEL_MAX_WAIT_SECONDS'], 1800),
    changeSetName,
  };
};

/** What `observe` needs for a run of this purpose; `hooks` for its warnings and progress. */
export const observeOptions = (
  timing: WaitTiming,
  purpose: RunPurpose,
  maxConcurrency: number,
  hooks: Pick<ObserveOptions, 'warn' | 'onAccount'> = {},
): ObserveOptions => ({
  maxConcurrency,
  keepChangeSets: purpose === 'apply',
  changeSetName: timing.changeSetName(purpose),
  maxWaitSeconds: purpose === 'apply' ? timing.applyWaitSeconds : timing.planWaitSeconds,
  pollDelayMs: timing.pollDelayMs,
  maxPollDelayMs: timing.maxPollDelayMs,
  ...hooks,
});

/** What applying the stacks needs: a fresh change set name for a stack reviewed again. */
export const stackApplyTiming = (timing: WaitTiming): StackApplyTiming => ({
  changeSetName: () => timing.changeSetName('apply'),
  maxWaitSeconds: timing.applyWaitSeconds,
  pollDelayMs: timing.pollDelayMs,
  maxPollDelayMs: timing.maxPollDelayMs,
});
