// What `list` reads, shared by the action and the command line: every account's stack and
// roles (an account that cannot be read is reported, not fatal) and the master account's
// groups, put together by the core into who can assume what.
import { buildListing, grantEndsIn } from '../core/listing.ts';
import type { ListedAccountInput, Listing } from '../core/listing.ts';
import type { Repository } from '../core/load-repository.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import { analyzeRoles } from '../core/privilege/privilege.ts';
import { mapLimit } from '../util/concurrency.ts';
import { listStack } from './cloudformation/index.ts';
import { errorText } from './error-text.ts';
import { observeMaster } from './iam/observe-master.ts';
import type { AwsSession } from './session.ts';

export const readListing = async (
  repository: Repository,
  session: AwsSession,
  concurrency: number,
): Promise<Listing> => {
  const { config, template } = repository;
  const masterPromise = observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  // Handled at once: a failure must not go unhandled while the accounts are read.
  masterPromise.catch(() => undefined);
  const accounts = await mapLimit(
    config.accounts,
    concurrency,
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
  return buildListing(
    config.stackName,
    config.partition,
    accounts,
    await masterPromise,
    analyzeRoles(template),
    {
      at: repository.desired.at,
      ends: grantEndsIn(repository.desired),
      teamNames: repository.teams.map((t) => t.name),
    },
  );
};
