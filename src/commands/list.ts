// `list`: what exists in every account, and who can assume what. Reads only.
import * as core from '@actions/core';
import { readListing } from '../aws/read-listing.ts';
import { JOB_SUMMARY_MAX_BYTES } from '../core/render/limit.ts';
import { renderListing } from '../core/render/listing.ts';
import { setFileOutput, setOutput } from '../github/outputs.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { notPrepared, prepare } from './prepare.ts';

export const listCommand = async (context: RunContext): Promise<CommandOutcome> => {
  const prepared = prepare(context);
  if (!prepared.ok) return notPrepared('list', prepared);
  const { repository, session } = prepared;
  const listing = await readListing(repository, session, context.inputs.maxConcurrency);
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
