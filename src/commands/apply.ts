// `apply`: recompute the plan from the merged files and live AWS, then execute it. Stacks
// first (in parallel), then the master account's groups with the roles' real ARNs. A failed
// account does not stop the others; the run reports each outcome and fails if any failed.
import { deleteChangeSets } from '../aws/cloudformation/discard-kept.ts';
import { executeStack } from '../aws/cloudformation/index.ts';
import { applyGroups } from '../aws/iam/apply-groups.ts';
import { observe } from '../aws/observe.ts';
import type { Observation } from '../aws/observe.ts';
import { hasErrors } from '../core/diagnostics.ts';
import type { Repository } from '../core/load-repository.ts';
import type { ObservedAccount } from '../core/observed.ts';
import { plan } from '../core/plan/plan.ts';
import type { Plan } from '../core/plan/types.ts';
import { renderPlanSummaryLine } from '../core/render/summary-line.ts';
import type { AccountResult, ApplyReport, GroupResult, RunReport } from '../core/report/types.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { AwsSession } from '../aws/session.ts';
import type { RunContext, RunTiming } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Log, Services } from './services.ts';

const planFrom = (
  repository: Repository,
  accounts: readonly ObservedAccount[],
  observation: Observation,
): Plan =>
  plan({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts,
    master: observation.master,
  });

type AccountState = AccountResult['state'];

interface StackOutcome {
  readonly result: AccountResult;
  /** The account as it is after this run: roles as deployed when the stack changed. */
  readonly observed: ObservedAccount;
}

const outcome = (observed: ObservedAccount, state: AccountState, detail: string): StackOutcome => ({
  result: { accountName: observed.accountName, accountId: observed.accountId, state, detail },
  observed,
});

/** Runs each account's stack change; prints its log lines as one group when it is done. */
const applyStacks = async (
  repository: Repository,
  session: AwsSession,
  observation: Observation,
  thePlan: Plan,
  run: { readonly concurrency: number; readonly timing: RunTiming; readonly log: Log },
): Promise<{ results: AccountResult[]; accounts: ObservedAccount[] }> => {
  const { timing, log } = run;
  const outcomes = await mapLimit(
    observation.accounts,
    run.concurrency,
    async (observed): Promise<StackOutcome> => {
      const stack = thePlan.stacks.find((s) => s.accountName === observed.accountName);
      const desired = repository.desired.stacks.find((s) => s.accountName === observed.accountName);
      const clients = session.accounts.get(observed.accountName);
      if (!stack || !desired || !clients)
        return outcome(observed, 'failed', 'the account was not planned; run apply again');
      if (stack.action === 'no-change') return outcome(observed, 'unchanged', 'stack unchanged');
      if (stack.action === 'blocked' || stack.action === 'error')
        return outcome(observed, 'failed', stack.reason ?? stack.action);
      const executed = await executeStack(clients.cloudFormation, {
        stack: desired,
        template: repository.template,
        partition: repository.config.partition,
        changeSetName: timing.changeSetName('apply'),
        maxWaitSeconds: timing.applyWaitSeconds,
        pollDelayMs: timing.pollDelayMs,
        maxPollDelayMs: timing.maxPollDelayMs,
        warn: (message: string) => log.warning(message),
        review: observed.review,
        changeSet: observation.changeSets.get(observed.accountName),
      });
      log.fold(`${observed.accountName} (${observed.accountId})`, [
        `${stack.action} stack ${desired.stackName}: ${executed.ok ? executed.status : `FAILED — ${executed.reason}`}`,
      ]);
      if (!executed.ok) return outcome(observed, 'failed', executed.reason);
      const after: ObservedAccount = {
        ...observed,
        stackStatus: executed.status,
        roles: executed.roles,
        review: { kind: 'no-change' },
      };
      return outcome(after, 'done', `${stack.action}: ${executed.status}`);
    },
  );
  return { results: outcomes.map((o) => o.result), accounts: outcomes.map((o) => o.observed) };
};

/** Why a group was left alone: its role's ARN is not known, and why not. */
const skipReason = (accountName: string | undefined, results: readonly AccountResult[]): string => {
  const account = results.find((r) => r.accountName === accountName);
  return account?.state === 'failed'
    ? `left as it is: its role's ARN is unknown because account ${accountName ?? '?'} failed (${account.detail})`
    : `left as it is: its role's ARN could not be read from the stack of account ${accountName ?? '?'}`;
};

/** The plan of the master account again, with the roles as deployed: their real ARNs. */
const applyMaster = async (
  repository: Repository,
  session: AwsSession,
  observation: Observation,
  stacks: { results: readonly AccountResult[]; accounts: readonly ObservedAccount[] },
  log: Log,
  concurrency: number,
): Promise<{ groups: GroupResult[]; mutatingCalls: number }> => {
  const after = planFrom(repository, stacks.accounts, observation);
  const known = after.groups.filter((g) => g.action === 'delete' || g.roleArn !== undefined);
  const unknown = after.groups.filter((g) => g.action !== 'delete' && g.roleArn === undefined);
  const lines: string[] = [];
  const outcomes = await applyGroups(session.masterIam, known, concurrency, (l) => lines.push(l));
  log.fold(`master account (${repository.config.masterAccountId})`, lines);
  const groups: GroupResult[] = [
    ...outcomes.map((o): GroupResult =>
      o.ok
        ? { group: o.group, state: 'done', detail: `${o.calls} change(s)` }
        : { group: o.group, state: 'failed', detail: o.reason },
    ),
    ...unknown.map((g): GroupResult => ({
      group: g.name,
      state: 'skipped',
      detail: skipReason(g.accountName, stacks.results),
    })),
  ];
  return { groups, mutatingCalls: outcomes.reduce((n, o) => n + o.calls, 0) };
};

/** The IAM calls of the master account run a few groups at a time (never more than the accounts' bound). */
const IAM_GROUP_CONCURRENCY = 8;

const verdict = (
  before: Plan,
  accounts: readonly AccountResult[],
  groups: readonly GroupResult[],
): { failed: boolean; headline: string } => {
  const failures = [
    ...accounts.filter((a) => a.state === 'failed').map((a) => `${a.accountName}: ${a.detail}`),
    ...groups.filter((g) => g.state !== 'done').map((g) => `${g.group}: ${g.detail}`),
  ];
  return failures.length > 0
    ? { failed: true, headline: ['Apply finished with failures:', ...failures].join('\n') }
    : { failed: false, headline: `Applied. ${renderPlanSummaryLine(before.summary)}` };
};

export const applyCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const prepared = prepare('apply', context, services);
  if (!prepared.ok) return prepared.report;
  const { repository, session, diagnostics } = prepared;
  const { timing } = context;
  const { log } = services;
  const observation = await log.group('Reading AWS', () =>
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
  log.info(`Plan: ${renderPlanSummaryLine(before.summary)}`);
  // Problems found while planning (an unknown user) are errors of the files, as in `plan`.
  const allDiagnostics = [...diagnostics, ...before.diagnostics];
  if (hasErrors(before.diagnostics)) {
    await deleteChangeSets(session, observation.changeSets);
    const headline = 'The plan has errors; nothing was applied.';
    const report: ApplyReport = {
      kind: 'apply',
      outcome: 'plan-errors',
      plan: before,
      failed: true,
      headline,
      diagnostics: allDiagnostics,
    };
    return report;
  }
  const concurrency = context.inputs.maxConcurrency;
  const stacks = await applyStacks(repository, session, observation, before, { concurrency, timing, log });
  const master = await applyMaster(
    repository,
    session,
    observation,
    stacks,
    log,
    Math.min(IAM_GROUP_CONCURRENCY, concurrency),
  );
  return {
    kind: 'apply',
    outcome: 'applied',
    plan: before,
    accounts: stacks.results,
    groups: master.groups,
    mutatingCalls: master.mutatingCalls,
    ...verdict(before, stacks.results, master.groups),
    diagnostics: allDiagnostics,
  };
};
