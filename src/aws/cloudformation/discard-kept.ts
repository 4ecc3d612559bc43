// Change sets a run kept for apply but will not execute (the plan had errors).
import { DeleteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import type { AwsSession } from '../session.ts';
import type { ChangeSetRef } from './change-set.ts';

export const deleteChangeSets = async (
  session: AwsSession,
  changeSets: ReadonlyMap<string, ChangeSetRef>,
): Promise<void> => {
  await Promise.all(
    [...changeSets].map(async ([account, ref]) => {
      const client = session.accounts.get(account)?.cloudFormation;
      // Best effort: a leftover change set changes nothing and the next run ignores it.
      await client?.send(new DeleteChangeSetCommand({ ChangeSetName: ref.id })).catch(() => undefined);
    }),
  );
};
