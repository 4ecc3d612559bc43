// Executing a plan against AWS, shared by the action's `apply` and the command line's
// `update`: stacks first (in parallel), then the master account's groups with the roles'
// real ARNs. A failed account does not stop the others; every outcome is a value.
import type { Repository } from '../core/load-repository.ts';
import type { ObservedAccount } from '../core/observed.ts';
import { planOfFiles } from '../core/plan/drift.ts';
import type { GroupPlan, Plan } from '../core/plan/types.ts';
import type { AccountResult, GroupResult } from '../core/report/types.ts';
import { mapLimit } from '../util/concurrency.ts';
import { executeStack } from './cloudformation/index.ts';
import { applyGroups } from './iam/apply-groups.ts';
import type { Observation } from './observe.ts';
import type { AwsSession } from './session.ts';

/** Where an apply reports as it goes: each account's lines come as one titled section. */
export interface ApplyLog {
  warn(message: string): void;
  section(title: string, lines: readonly string[]): void;
}

export interface StackApplyTiming {
  /** A fresh change set name, for a stack that must be reviewed again (recreate). */
  readonly changeSetName: () => string;
  readonly maxWaitSeconds: number;
  readonly pollDelayMs: number;
  readonly maxPollDelayMs: number;
}

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

export interface StacksApplied {
  readonly results: AccountResult[];
  readonly accounts: ObservedAccount[];
}

/** Runs each account's stack change; reports its log lines as one section when it is done. */
export const applyStacks = async (
  repository: Repository,
  session: AwsSession,
  observation: Observation,
  thePlan: Plan,
  concurrency: number,
  timing: StackApplyTiming,
  log: ApplyLog,
): Promise<StacksApplied> => {
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
        changeSetName: timing.changeSetName(),
        maxWaitSeconds: timing.maxWaitSeconds,
        pollDelayMs: timing.pollDelayMs,
        maxPollDelayMs: timing.maxPollDelayMs,
        warn: (message: string) => log.warn(message),
        review: observed.review,
        changeSet: observation.changeSets.get(observed.accountName),
      });
      log.section(`${observed.accountName} (${observed.accountId})`, [
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

/** Why a team's group was left alone: some of its roles' ARNs are not known. */
const teamSkipReason = (group: GroupPlan, results: readonly AccountResult[]): string => {
  const accounts = [...new Set((group.team?.pairs ?? []).map((p) => p.account))];
  const failed = results.filter((r) => r.state === 'failed' && accounts.includes(r.accountName));
  return failed.length > 0
    ? `left as it is: it grants roles in ${failed.map((r) => `${r.accountName} (failed: ${r.detail})`).join(', ')}, whose ARNs are unknown`
    : "left as it is: some of its roles' ARNs could not be read from their stacks";
};

/** The group's policy can be written now: every ARN it names is known (or it writes none). */
const policyKnown = (group: GroupPlan): boolean =>
  group.action === 'delete' || group.policy?.afterApply !== true;

export interface GroupsApplied {
  readonly groups: GroupResult[];
  readonly mutatingCalls: number;
}

/**
 * Plans the master account again with the roles as deployed (their real ARNs) and applies
 * it; a group whose role ARN is still unknown is left as it is and reported as skipped.
 */
export const applyMasterGroups = async (
  repository: Repository,
  session: AwsSession,
  observation: Observation,
  stacks: StacksApplied,
  concurrency: number,
  log: ApplyLog,
): Promise<GroupsApplied> => {
  const after = planOfFiles(repository, stacks.accounts, observation.master);
  const known = after.groups.filter(policyKnown);
  const unknown = after.groups.filter((g) => !policyKnown(g));
  const groupLog: string[] = [];
  const outcomes = await applyGroups(session.masterIam, known, concurrency, (l) => groupLog.push(l));
  log.section(`master account (${repository.config.masterAccountId})`, groupLog);
  const groups: GroupResult[] = [
    ...outcomes.map((o): GroupResult =>
      o.ok
        ? { group: o.group, state: 'done', detail: `${o.calls} change(s)` }
        : { group: o.group, state: 'failed', detail: o.reason },
    ),
    ...unknown.map((g): GroupResult => ({
      group: g.name,
      state: 'skipped',
      detail:
        g.team !== undefined ? teamSkipReason(g, stacks.results) : skipReason(g.accountName, stacks.results),
    })),
  ];
  return { groups, mutatingCalls: outcomes.reduce((n, o) => n + o.calls, 0) };
};
