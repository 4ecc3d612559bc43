// `list`: what exists in every account, and who can assume what. Reads only.
import { listStack } from '../aws/cloudformation/index.ts';
import { errorText } from '../aws/error-text.ts';
import { observeMaster } from '../aws/iam/observe-master.ts';
import type { AwsSession } from '../aws/session.ts';
import type { Repository } from '../core/load-repository.ts';
import { buildListing } from '../core/listing.ts';
import type { ListedAccountInput, Listing } from '../core/listing.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import type { RunReport } from '../core/report/types.ts';
import { mapLimit } from '../util/concurrency.ts';
import type { RunContext } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Log, Services } from './services.ts';

/** Each account's stack and roles; an account that cannot be read says why. */
const readAccounts = (repository: Repository, session: AwsSession, concurrency: number) => {
  const { config, template } = repository;
  return mapLimit(config.accounts, concurrency, async (account): Promise<ListedAccountInput> => {
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
  });
};

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
  const { config, template } = repository;
  const masterPromise = observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  // Handled at once: a failure must not go unhandled while the accounts are read.
  masterPromise.catch(() => undefined);
  const accounts = await readAccounts(repository, session, context.inputs.maxConcurrency);
  const listing = buildListing(
    config.stackName,
    config.partition,
    accounts,
    await masterPromise,
    analyzeRoles(template),
  );
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
