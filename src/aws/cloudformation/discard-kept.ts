// Change sets a run kept for apply but will not execute (the plan had errors): deleted, and a
// CREATE change set's REVIEW_IN_PROGRESS stack with it, so that a refused apply leaves nothing.
import type { AwsSession } from '../session.ts';
import type { ChangeSetRef } from './change-set.ts';
import { discardReview } from './cleanup.ts';

export const deleteChangeSets = async (
  session: AwsSession,
  changeSets: ReadonlyMap<string, ChangeSetRef>,
): Promise<void> => {
  await Promise.all(
    [...changeSets].map(async ([account, ref]) => {
      const client = session.accounts.get(account)?.cloudFormation;
      // Best effort: a leftover changes nothing and the next review cleans it up.
      if (client !== undefined) await discardReview(client, ref, {});
    }),
  );
};
