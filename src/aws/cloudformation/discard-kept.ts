// Change sets a run kept for apply but will not execute (the plan had errors, or widened
// access beyond what was reviewed): each goes, and the REVIEW_IN_PROGRESS stack a CREATE set
// made, so that nothing is left changed.
import type { AwsSession } from '../session.ts';
import type { ChangeSetRef } from './change-set.ts';
import { discardReview } from './cleanup.ts';

export const deleteChangeSets = async (
  session: AwsSession,
  changeSets: ReadonlyMap<string, ChangeSetRef>,
  warn: (message: string) => void = () => undefined,
): Promise<void> => {
  await Promise.all(
    [...changeSets].map(async ([account, ref]) => {
      const client = session.accounts.get(account)?.cloudFormation;
      // Best effort: a leftover change set changes nothing and the next run ignores it.
      if (client) await discardReview(client, ref, { warn });
    }),
  );
};
