// Reads the live state the planner compares with: the master account's IAM (a few calls)
// and every assumable account's stack, reviewed through a change set, in parallel; and the
// IAM quotas of each (GetAccountSummary), which the plan must stay within.
import type { Repository } from '../core/load-repository.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import type { ObservedAccount, ObservedMaster } from '../core/observed.ts';
import { mapLimit } from '../util/concurrency.ts';
import { reviewStack } from './cloudformation/index.ts';
import type { ChangeSetRef } from './cloudformation/index.ts';
import { readMasterQuotas, readTrustPolicyQuota } from './iam/account-quotas.ts';
import { observeMaster } from './iam/observe-master.ts';
import type { AwsSession } from './session.ts';

export interface ObserveOptions {
  readonly maxConcurrency: number;
  /** Keep the change sets for execution (apply); a plan deletes them. */
  readonly keepChangeSets: boolean;
  readonly changeSetName: string;
  /** How long to wait for a stack that is busy with another operation. */
  readonly maxWaitSeconds: number;
  readonly pollDelayMs?: number;
  readonly maxPollDelayMs?: number;
  /** Told when a review's clean-up failed (the next plan removes what was left). */
  readonly warn?: (message: string) => void;
  /** Called as each account finishes, for progress logs. */
  readonly onAccount?: (observed: ObservedAccount) => void;
}

export interface Observation {
  readonly master: ObservedMaster;
  readonly accounts: readonly ObservedAccount[];
  /** Change sets kept for apply, by account name. */
  readonly changeSets: ReadonlyMap<string, ChangeSetRef>;
}

export const observe = async (
  repository: Repository,
  session: AwsSession,
  options: ObserveOptions,
): Promise<Observation> => {
  const { config, desired, template } = repository;
  const changeSets = new Map<string, ChangeSetRef>();
  // Both at once; Promise.all keeps a master failure from going unhandled while accounts run.
  const [master, quotas, accounts] = await Promise.all([
    observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH),
    readMasterQuotas(session.masterIam),
    mapLimit(desired.stacks, options.maxConcurrency, async (stack) => {
      const clients = session.accounts.get(stack.accountName);
      if (!clients) throw new Error(`No AWS session for account ${stack.accountName}.`);
      const trustPolicyQuota = readTrustPolicyQuota(clients.iam);
      const result = await reviewStack(clients.cloudFormation, {
        stack,
        template,
        partition: config.partition,
        keepChangeSet: options.keepChangeSets,
        changeSetName: options.changeSetName,
        maxWaitSeconds: options.maxWaitSeconds,
        ...(options.pollDelayMs === undefined ? {} : { pollDelayMs: options.pollDelayMs }),
        ...(options.maxPollDelayMs === undefined ? {} : { maxPollDelayMs: options.maxPollDelayMs }),
        ...(options.warn === undefined ? {} : { warn: options.warn }),
      });
      if (result.changeSet) changeSets.set(stack.accountName, result.changeSet);
      const observed = { ...result.observed, trustPolicyQuota: await trustPolicyQuota };
      options.onAccount?.(observed);
      return observed;
    }),
  ]);
  return { master: { ...master, quotas }, accounts, changeSets };
};
