// `delete`: tear everything down, only when the `confirm` input names the stack. Stacks in
// every account first, then every group under the managed path. Re-runnable after a
// partial failure: what is already gone is skipped.
import { deleteStack } from '../aws/cloudformation/index.ts';
import { applyGroups } from '../aws/iam/apply-groups.ts';
import { observeMaster } from '../aws/iam/observe-master.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { staleGroupPlan } from '../core/plan/plan.ts';
import type { GroupDeletion, RunReport, StackDeletion } from '../core/report/types.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { RunContext } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Services } from './services.ts';

/** Groups deleted at the same time in the master account (never more than the accounts' bound). */
const IAM_GROUP_CONCURRENCY = 4;

export const deleteCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const prepared = prepare('delete', context, services);
  if (!prepared.ok) return prepared.report;
  const { repository, session, diagnostics } = prepared;
  const { config } = repository;
  const { timing, inputs } = context;
  if (inputs.confirm !== config.stackName) {
    const headline = `Refusing to delete: set the input \`confirm\` to the stack name \`${config.stackName}\` to delete the stack in ${config.accounts.length} account(s) and every group under ${MANAGED_GROUP_PATH} in the master account.`;
    return { kind: 'delete', outcome: 'refused', failed: true, headline, diagnostics };
  }
  const stacks = await mapLimit(
    config.accounts,
    inputs.maxConcurrency,
    async (account): Promise<StackDeletion> => {
      const client = session.accounts.get(account.name)?.cloudFormation;
      const result = client
        ? await deleteStack(client, config.stackName, {
            maxWaitSeconds: timing.applyWaitSeconds,
            pollDelayMs: timing.pollDelayMs,
          })
        : { ok: false as const, reason: 'no session' };
      services.log.info(
        `${account.name} (${account.accountId}): ${result.ok ? (result.existed ? 'stack deleted' : 'no stack') : `FAILED — ${result.reason}`}`,
      );
      return result.ok
        ? {
            account: account.name,
            accountId: account.accountId,
            ok: true,
            existed: result.existed,
            reason: undefined,
          }
        : {
            account: account.name,
            accountId: account.accountId,
            ok: false,
            existed: true,
            reason: result.reason,
          };
    },
  );
  const master = await observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  const lines: string[] = [];
  const outcomes = await applyGroups(
    session.masterIam,
    master.groups.map(staleGroupPlan),
    Math.min(IAM_GROUP_CONCURRENCY, inputs.maxConcurrency),
    (l) => lines.push(l),
  );
  services.log.fold(`master account (${config.masterAccountId})`, lines);
  const groups = outcomes.map((g): GroupDeletion => ({
    group: g.group,
    ok: g.ok,
    reason: g.ok ? undefined : g.reason,
  }));
  const failures = [
    ...stacks.filter((s) => !s.ok).map((s) => `${s.account}: ${s.reason ?? ''}`),
    ...groups.filter((g) => !g.ok).map((g) => `${g.group}: ${g.reason ?? ''}`),
  ];
  return {
    kind: 'delete',
    outcome: 'deleted',
    masterAccountId: config.masterAccountId,
    stacks,
    groups,
    diagnostics,
    failed: failures.length > 0,
    headline: failures.length > 0 ? ['Delete finished with failures:', ...failures].join('\n') : 'Deleted.',
  };
};
