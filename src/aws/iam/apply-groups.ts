// Executes the master account's part of a plan: groups, their one inline policy, members.
// Every call is one planned change, so a converged account costs no mutating call at all.
// Steps run phase by phase (group-steps.ts says why that order), all groups' steps of a phase
// at once under one bound: the apply is limited by IAM's write rate, not by round trips.
// Every outcome is a value: a failed step is reported and the group's other steps still run.
import type { IAMClient } from '@aws-sdk/client-iam';
import type { GroupPlan } from '../../core/plan/types.ts';
import { mapLimit } from '../../util/concurrency.ts';
import { realTiming, retryUntilVisible } from './consistency.ts';
import type { RetryTiming } from './consistency.ts';
import { hasErrorName } from '../error-text.ts';
import { describeIamError } from './errors.ts';
import { groupSteps, PHASES } from './group-steps.ts';
import type { GroupStep, Phase } from './group-steps.ts';

export type StepResult = 'done' | 'already-done' | 'failed' | 'skipped';

export interface StepOutcome {
  readonly group: string;
  readonly phase: Phase;
  readonly label: string;
  readonly result: StepResult;
  /** Why it failed or was skipped. */
  readonly reason?: string;
}

export type GroupOutcome =
  | {
      readonly group: string;
      readonly ok: true;
      readonly calls: number;
      readonly steps: readonly StepOutcome[];
    }
  | {
      readonly group: string;
      readonly ok: false;
      readonly calls: number;
      readonly steps: readonly StepOutcome[];
      /** Every failed and skipped step with its reason, in phase order. */
      readonly reason: string;
    };

export interface ApplyGroupsOptions {
  /** For tests: the NoSuchEntity retry's clock. */
  readonly consistency?: RetryTiming;
}

/** Steps of a group this run creates may meet IAM before it knows the group. */
const notYetVisible =
  (step: GroupStep) =>
  (error: unknown): boolean =>
    step.group.action === 'create' &&
    step.phase !== 'create-groups' &&
    hasErrorName(error, 'NoSuchEntityException');

const runStep = async (
  client: IAMClient,
  step: GroupStep,
  timing: RetryTiming,
  log: (line: string) => void,
): Promise<StepOutcome> => {
  const base = { group: step.group.name, phase: step.phase, label: step.label };
  try {
    await retryUntilVisible(() => step.call(client), notYetVisible(step), timing);
    log(`${step.group.name}: ${step.label}`);
    return { ...base, result: 'done' };
  } catch (e) {
    if (step.alreadyDone !== undefined && hasErrorName(e, step.alreadyDone)) {
      log(`${step.group.name}: ${step.label} (already done)`);
      return { ...base, result: 'already-done' };
    }
    const reason = `${step.label} failed: ${describeIamError(e)}`;
    log(`${step.group.name}: ${reason}`);
    return { ...base, result: 'failed', reason };
  }
};

const skipped = (step: GroupStep, failedPhase: Phase): StepOutcome => ({
  group: step.group.name,
  phase: step.phase,
  label: step.label,
  result: 'skipped',
  reason: `${step.label} not tried: ${failedPhase === 'narrow' ? 'the group could not be emptied' : failedPhase === 'create-groups' ? 'the group could not be created' : "the group's policy could not be written"}`,
});

const groupOutcome = (group: GroupPlan, steps: readonly StepOutcome[]): GroupOutcome => {
  const calls = steps.filter((s) => s.result !== 'skipped').length;
  const problems = steps.filter((s) => s.result === 'failed' || s.result === 'skipped');
  if (problems.length === 0) return { group: group.name, ok: true, calls, steps };
  const failed = problems.filter((s) => s.result === 'failed').length;
  const done = steps.filter((s) => s.result === 'done' || s.result === 'already-done').length;
  return {
    group: group.name,
    ok: false,
    calls,
    steps,
    reason: `${done} of ${steps.length} change(s) done, ${failed} failed${problems.length > failed ? `, ${problems.length - failed} not tried` : ''}: ${problems.map((s) => s.reason ?? s.label).join('; ')}`,
  };
};

/** Runs every group's steps, phase after phase, at most `concurrency` IAM calls at once. */
export const applyGroups = async (
  client: IAMClient,
  groups: readonly GroupPlan[],
  concurrency: number,
  log: (line: string) => void,
  options: ApplyGroupsOptions = {},
): Promise<GroupOutcome[]> => {
  const timing = options.consistency ?? realTiming;
  const changing = groups.filter((g) => g.action !== 'no-change');
  const outcomes = new Map<string, StepOutcome[]>(changing.map((g) => [g.name, []]));
  const failedPhases = (group: string): Set<Phase> =>
    new Set(
      (outcomes.get(group) ?? [])
        .filter((s) => s.result === 'failed' || s.result === 'skipped')
        .map((s) => s.phase),
    );
  const steps = changing.flatMap(groupSteps);
  for (const phase of PHASES) {
    const results = await mapLimit(
      steps.filter((s) => s.phase === phase),
      concurrency,
      async (step) => {
        const failed = failedPhases(step.group.name);
        const blocker = step.needs.find((p) => failed.has(p));
        return blocker === undefined ? runStep(client, step, timing, log) : skipped(step, blocker);
      },
    );
    for (const r of results) outcomes.get(r.group)?.push(r);
  }
  // Groups deleted first, as they are applied; then the others in plan order.
  const order = [
    ...changing.filter((g) => g.action === 'delete'),
    ...changing.filter((g) => g.action !== 'delete'),
  ];
  return order.map((g) => groupOutcome(g, outcomes.get(g.name) ?? []));
};
