// `list`: what exists in every account, and who can assume what. Reads only.
import * as core from '@actions/core';
import { listStack } from '../aws/cloudformation/index.ts';
import { errorText } from '../aws/error-text.ts';
import { observeMaster } from '../aws/iam/observe-master.ts';
import { buildListing } from '../core/listing.ts';
import type { ListedAccountInput } from '../core/listing.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import { JOB_SUMMARY_MAX_BYTES } from '../core/render/limit.ts';
import { renderListing } from '../core/render/listing.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { notPrepared, prepare } from './prepare.ts';

export const listCommand = async (context: RunContext): Promise<CommandOutcome> => {
  const prepared = prepare(context);
  if (!prepared.ok) return notPrepared('list', prepared);
  const { repository, session } = prepared;
  const { config, template } = repository;
  const masterPromise = observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  // Handled at once: a failure must not go unhandled while the accounts are read.
  masterPromise.catch(() => undefined);
  const accounts = await mapLimit(
    config.accounts,
    context.inputs.maxConcurrency,
    async (account): Promise<ListedAccountInput> => {
      const base = { accountName: account.name, accountId: account.accountId };
      const client = session.accounts.get(account.name)?.cloudFormation;
      try {
        if (!client) throw new Error('no session');
        const stack = await listStack(
          client,
          config.stackName,
          account.accountId,
          config.partition,
          template.roles,
        );
        return { ...base, stackStatus: stack?.status, roles: stack?.roles ?? [], error: undefined };
      } catch (e) {
        return { ...base, stackStatus: undefined, roles: [], error: errorText(e) };
      }
    },
  );
  const listing = buildListing(
    config.stackName,
    config.partition,
    accounts,
    await masterPromise,
    analyzeRoles(template),
  );
  await core.summary.addRaw(renderListing(listing, JOB_SUMMARY_MAX_BYTES)).write();
  for (const account of listing.accounts) {
    core.startGroup(
      `${account.accountName} (${account.accountId}): ${account.error ?? account.stackStatus ?? 'no stack'}`,
    );
    for (const role of account.roles) core.info(`${role.group} -> ${role.arn} [${role.members.join(', ')}]`);
    core.endGroup();
  }
  setOutput('has-changes', 'false');
  setFileOutput('plan-json', 'list.json', `${JSON.stringify({ command: 'list', ...listing }, null, 2)}\n`);
  setFileOutput('plan-markdown', 'list.md', renderListing(listing));
  const unreadable = listing.accounts.filter((a) => a.error !== undefined);
  return unreadable.length > 0
    ? {
        failed: true,
        headline: `Could not read ${unreadable.map((a) => `${a.accountName} (${a.error ?? ''})`).join(', ')}`,
      }
    : {
        failed: false,
        headline: `Listed ${listing.accounts.length} account(s) and ${listing.users.length} user(s).`,
      };
};
