// A plan must leave nothing behind: the change set, and for a CREATE change set the
// REVIEW_IN_PROGRESS stack CloudFormation made to hold it. A real stack is never deleted.
import { DeleteStackCommand, ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ChangeSetRef } from './change-set.ts';
import { deleteChangeSet } from './change-set.ts';
import { describeStack } from './describe.ts';
import { errorReason } from './errors.ts';
import type { WaitOptions } from './options.ts';
import { REVIEW_IN_PROGRESS } from './status.ts';

/** Best effort: a leftover is reported through `warn`, and the next review cleans it anyway. */
export const discardReview = async (
  client: CloudFormationClient,
  ref: ChangeSetRef,
  options: Pick<WaitOptions, 'warn'>,
): Promise<void> => {
  try {
    await deleteChangeSet(client, ref);
  } catch (error) {
    options.warn?.(
      `Could not delete change set ${ref.name} of stack ${ref.stackName}: ${errorReason(error)}`,
    );
  }
  if (ref.type !== 'CREATE') return;
  try {
    // Only a stack that still merely holds the review may go; by id, so a stack created
    // under the same name in the meantime is not touched.
    const stack = await describeStack(client, ref.stackName);
    if (stack?.status !== REVIEW_IN_PROGRESS) return;
    // Another run's change set on it (an apply about to create the stack) keeps it alive.
    const others = await client.send(new ListChangeSetsCommand({ StackName: stack.stackId }));
    if ((others.Summaries ?? []).length > 0) return;
    await client.send(new DeleteStackCommand({ StackName: stack.stackId }));
  } catch (error) {
    options.warn?.(`Could not delete review stack ${ref.stackName}: ${errorReason(error)}`);
  }
};
