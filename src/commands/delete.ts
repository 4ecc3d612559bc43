// `delete`: tear everything down, only when the `confirm` input names the stack. Stacks in
// every account first, then every group under the managed path. Re-runnable after a
// partial failure: what is already gone is skipped.
import * as core from '@actions/core';
import { deleteStack } from '../aws/cloudformation/index.ts';
import { applyGroups } from '../aws/iam/apply-groups.ts';
import { observeMaster } from '../aws/iam/observe-master.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { staleGroupPlan } from '../core/plan/plan.ts';
import { code, escapeMarkdown } from '../core/render/escape.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { notPrepared, prepare } from './prepare.ts';
import { runTiming } from './run-facts.ts';

export const deleteCommand = async (context: RunContext): Promise<CommandOutcome> => {
  const prepared = prepare(context);
  if (!prepared.ok) return notPrepared('delete', prepared);
  const { repository, session } = prepared;
  const { config } = repository;
  if (context.inputs.confirm !== config.stackName) {
    const headline = `Refusing to delete: set the input \`confirm\` to the stack name \`${config.stackName}\` to delete the stack in ${config.accounts.length} account(s) and every group under ${MANAGED_GROUP_PATH} in the master account.`;
    await core.summary.addRaw(`## RoleModel delete\n\n⛔ ${headline}\n`).write();
    return { failed: true, headline };
  }
  const timing = runTiming();
  const stacks = await mapLimit(config.accounts, context.inputs.maxConcurrency, async (account) => {
    const client = session.accounts.get(account.name)?.cloudFormation;
    const result = client
      ? await deleteStack(client, config.stackName, {
          maxWaitSeconds: timing.applyWaitSeconds,
          pollDelayMs: timing.pollDelayMs,
        })
      : { ok: false as const, reason: 'no session' };
    core.info(
      `${account.name} (${account.accountId}): ${result.ok ? (result.existed ? 'stack deleted' : 'no stack') : `FAILED — ${result.reason}`}`,
    );
    return { account, result };
  });
  const master = await observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  const lines: string[] = [];
  const groups = await applyGroups(
    session.masterIam,
    master.groups.map(staleGroupPlan),
    context.inputs.iamConcurrency,
    (l) => lines.push(l),
  );
  core.startGroup(`master account (${config.masterAccountId})`);
  lines.forEach((l) => core.info(l));
  core.endGroup();
  const failedStacks = stacks.filter((s) => !s.result.ok);
  const failedGroups = groups.filter((g) => !g.ok);
  const markdown = [
    '## RoleModel delete',
    '',
    failedStacks.length + failedGroups.length === 0
      ? '✅ Deleted.'
      : '❌ Delete finished with failures; run it again after fixing them.',
    '',
    '| | Account | Id | Outcome |',
    '| --- | --- | --- | --- |',
    ...stacks.map(
      ({ account, result }) =>
        `| ${result.ok ? '✅' : '❌'} | ${code(account.name)} | ${code(account.accountId)} | ${result.ok ? (result.existed ? 'stack deleted' : 'no stack') : escapeMarkdown(result.reason)} |`,
    ),
    '',
    `### Master account (${code(config.masterAccountId)})`,
    '',
    groups.length === 0
      ? `No group under \`${MANAGED_GROUP_PATH}\`.`
      : '| | Group | Outcome |\n| --- | --- | --- |',
    ...groups.map(
      (g) => `| ${g.ok ? '✅' : '❌'} | ${code(g.group)} | ${g.ok ? 'deleted' : escapeMarkdown(g.reason)} |`,
    ),
    '',
  ].join('\n');
  await core.summary.addRaw(markdown).write();
  setOutput('has-changes', String(stacks.some((s) => s.result.ok && s.result.existed) || groups.length > 0));
  setFileOutput(
    'plan-json',
    'delete.json',
    `${JSON.stringify({ command: 'delete', stacks: stacks.map((s) => ({ account: s.account.name, ...s.result })), groups }, null, 2)}\n`,
  );
  setFileOutput('plan-markdown', 'delete.md', markdown);
  const failures = [
    ...failedStacks.map((s) => `${s.account.name}: ${s.result.ok ? '' : s.result.reason}`),
    ...failedGroups.map((g) => `${g.group}: ${g.ok ? '' : g.reason}`),
  ];
  return failures.length > 0
    ? { failed: true, headline: ['Delete finished with failures:', ...failures].join('\n') }
    : { failed: false, headline: 'Deleted.' };
};
