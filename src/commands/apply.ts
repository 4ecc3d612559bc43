// `apply`: recompute the plan from the merged files and live AWS, then execute it. Stacks
// first (in parallel), then the master account's groups with the roles' real ARNs. A failed
// account does not stop the others; the run reports each outcome and fails if any failed.
import * as core from '@actions/core';
import { deleteChangeSets } from '../aws/cloudformation/discard-kept.ts';
import { executeStack } from '../aws/cloudformation/index.ts';
import { applyGroups } from '../aws/iam/apply-groups.ts';
import { observe } from '../aws/observe.ts';
import type { Observation } from '../aws/observe.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import type { Repository } from '../core/load-repository.ts';
import type { ObservedAccount } from '../core/observed.ts';
import { plan } from '../core/plan/plan.ts';
import type { Plan } from '../core/plan/types.ts';
import { applyFailed, renderApplyReport } from '../core/render/apply-report.ts';
import type { AccountResult, ApplyReport, GroupResult } from '../core/render/apply-report.ts';
import { renderDiagnostics } from '../core/render/diagnostics.ts';
import { renderPlanSummaryLine } from '../core/render/plan.ts';
import { annotate } from '../github/annotations.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { AwsSession } from '../aws/session.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { notPrepared, prepare } from './prepare.ts';
import { runTiming } from './run-facts.ts';

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
  concurrency: number,
): Promise<{ results: AccountResult[]; accounts: ObservedAccount[] }> => {
  const timing = runTiming();
  const outcomes = await mapLimit(
    observation.accounts,
    concurrency,
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
        warn: (message: string) => core.warning(message),
        review: observed.review,
        changeSet: observation.changeSets.get(observed.accountName),
      });
      core.startGroup(`${observed.accountName} (${observed.accountId})`);
      core.info(
        `${stack.action} stack ${desired.stackName}: ${executed.ok ? executed.status : `FAILED — ${executed.reason}`}`,
      );
      core.endGroup();
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

  const stacks = await applyStacks(repository, session, observation, before, context.inputs.maxConcurrency);
  // Plan the master account again with the roles as deployed: their real ARNs.
  const after = planFrom(repository, stacks.accounts, observation);
  const known = after.groups.filter((g) => g.action === 'delete' || g.roleArn !== undefined);
  const unknown = after.groups.filter((g) => g.action !== 'delete' && g.roleArn === undefined);
  const groupLog: string[] = [];
  const outcomes = await applyGroups(session.masterIam, known, context.inputs.iamConcurrency, (l) =>
    groupLog.push(l),
  );
  core.startGroup(`master account (${repository.config.masterAccountId})`);
  groupLog.forEach((l) => core.info(l));
  core.endGroup();
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
  const report: ApplyReport = {
    plan: before,
    accounts: stacks.results,
    groups,
    mutatingCalls: outcomes.reduce((n, o) => n + o.calls, 0),
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
