// `list`: what exists in every account, and who can assume what. Reads only.
import { readListing } from '../aws/read-listing.ts';
import type { Listing } from '../core/listing.ts';
import type { RunReport } from '../core/report/types.ts';
import type { RunContext } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Log, Services } from './services.ts';

const logListing = (listing: Listing, log: Log): void => {
  for (const account of listing.accounts) {
    log.fold(
      `${account.accountName} (${account.accountId}): ${account.error ?? account.stackStatus ?? 'no stack'}`,
      account.roles.map((role) => `${role.group} -> ${role.arn} [${role.members.join(', ')}]`),
    );
  }
};

export const listCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const prepared = prepare('list', context, services);
  if (!prepared.ok) return prepared.report;
  const { repository, session, diagnostics } = prepared;
  const listing = await readListing(repository, session, context.inputs.maxConcurrency);
  logListing(listing, services.log);
  const unreadable = listing.accounts.filter((a) => a.error !== undefined);
  return {
    kind: 'list',
    listing,
    diagnostics,
    failed: unreadable.length > 0,
    headline:
      unreadable.length > 0
        ? `Could not read ${unreadable.map((a) => `${a.accountName} (${a.error ?? ''})`).join(', ')}`
        : `Listed ${listing.accounts.length} account(s) and ${listing.users.length} user(s).`,
  };
};
