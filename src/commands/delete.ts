// `delete`: tear everything down, only when the `confirm` input names the stack. Stacks in
// every account first, then every group under the managed path. Re-runnable after a
// partial failure: what is already gone is skipped.
import { tearDown } from '../aws/teardown.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import type { GroupDeletion, RunReport, StackDeletion } from '../core/report/types.ts';
import type { RunContext } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Services } from './services.ts';

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
  const torn = await tearDown(
    config,
    session,
    { accounts: inputs.maxConcurrency, iam: inputs.iamConcurrency },
    { maxWaitSeconds: timing.applyWaitSeconds, pollDelayMs: timing.pollDelayMs },
    {
      account: (line) => services.log.info(line),
      section: (title, lines) => services.log.fold(title, lines),
    },
  );
  const stacks = torn.stacks.map(({ account, result }): StackDeletion =>
    result.ok
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
        },
  );
  const groups = torn.groups.map((g): GroupDeletion => ({
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
