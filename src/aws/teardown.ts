// Tearing everything down, shared by the action's `delete` and the command line's: the stack
// in every account first, then every group under the managed path in the master account.
// Re-runnable after a partial failure: what is already gone is skipped.
import type { AccountConfig, RoleModelConfig } from '../core/model.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { staleGroupPlan } from '../core/plan/plan.ts';
import { mapLimit } from '../util/concurrency.ts';
import { deleteStack } from './cloudformation/index.ts';
import type { DeleteResult } from './cloudformation/index.ts';
import { applyGroups } from './iam/apply-groups.ts';
import type { GroupOutcome } from './iam/apply-groups.ts';
import { observeMaster } from './iam/observe-master.ts';
import type { AwsSession } from './session.ts';

export interface TeardownTiming {
  readonly maxWaitSeconds: number;
  readonly pollDelayMs: number;
}

export interface TeardownLog {
  /** One line per account, as its stack is gone (or failed). */
  account(line: string): void;
  /** The master account's lines, together once its groups are done. */
  section(title: string, lines: readonly string[]): void;
}

export interface Teardown {
  readonly stacks: readonly { readonly account: AccountConfig; readonly result: DeleteResult }[];
  readonly groups: readonly GroupOutcome[];
}

export const tearDown = async (
  config: RoleModelConfig,
  session: AwsSession,
  concurrency: { readonly accounts: number; readonly iam: number },
  timing: TeardownTiming,
  log: TeardownLog,
): Promise<Teardown> => {
  const stacks = await mapLimit(config.accounts, concurrency.accounts, async (account) => {
    const client = session.accounts.get(account.name)?.cloudFormation;
    const result: DeleteResult = client
      ? await deleteStack(client, config.stackName, {
          maxWaitSeconds: timing.maxWaitSeconds,
          pollDelayMs: timing.pollDelayMs,
        })
      : { ok: false as const, reason: 'no session' };
    log.account(
      `${account.name} (${account.accountId}): ${result.ok ? (result.existed ? 'stack deleted' : 'no stack') : `FAILED — ${result.reason}`}`,
    );
    return { account, result };
  });
  const master = await observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  const lines: string[] = [];
  const groups = await applyGroups(
    session.masterIam,
    master.groups.map((g) => staleGroupPlan(g)),
    concurrency.iam,
    (l) => lines.push(l),
  );
  log.section(`master account (${config.masterAccountId})`, lines);
  return { stacks, groups };
};
