// Apply for one account: execute the change set the review kept, or recreate a stack in
// ROLLBACK_COMPLETE, and wait for the stack to settle. Failures quote the stack event.
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { ObservedRole, StackReview } from '../../core/observed.ts';
import type { ChangeSetRef } from './change-set.ts';
import { deleteStack } from './delete.ts';
import { describeStack } from './describe.ts';
import { errorReason } from './errors.ts';
import { operationOutcome, waitForOperation } from './operation.ts';
import type { ReviewInput } from './review.ts';
import { reviewStack } from './review.ts';
import { listStack } from './roles.ts';
import { REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE } from './status.ts';

export interface ExecuteInput extends Omit<ReviewInput, 'keepChangeSet'> {
  /** The review apply computed for this account, with the change set it kept. */
  readonly review: StackReview;
  readonly changeSet: ChangeSetRef | undefined;
}

export type ExecuteResult =
  | { readonly ok: true; readonly status: string; readonly roles: readonly ObservedRole[] }
  | { readonly ok: false; readonly reason: string };

const fail = (reason: string): ExecuteResult => ({ ok: false, reason });

/** The stack and its roles as they are now. */
const current = async (client: CloudFormationClient, input: ExecuteInput): Promise<ExecuteResult> => {
  const { stackName, accountId } = input.stack;
  const listed = await listStack(client, stackName, accountId, input.partition, input.template.roles);
  return listed ? { ok: true, ...listed } : fail(`Stack ${stackName} does not exist`);
};

const runChangeSet = async (
  client: CloudFormationClient,
  input: ExecuteInput,
  ref: ChangeSetRef,
): Promise<ExecuteResult> => {
  const since = new Date();
  await client.send(new ExecuteChangeSetCommand({ ChangeSetName: ref.id, StackName: ref.stackName }));
  await waitForOperation(client, ref.stackName, ref.type, input);
  const outcome = await operationOutcome(client, ref.stackName, since, input);
  if (!outcome.ok) return outcome;
  return current(client, input);
};

/** States a recreate may start from: the failed stack, or what an interrupted recreate left. */
const RECREATABLE = new Set([ROLLBACK_COMPLETE, REVIEW_IN_PROGRESS]);

const recreate = async (client: CloudFormationClient, input: ExecuteInput): Promise<ExecuteResult> => {
  const name = input.stack.stackName;
  const stack = await describeStack(client, name);
  // The plan showed a recreate; a stack that has since become healthy is never deleted.
  if (stack && !RECREATABLE.has(stack.status)) {
    return fail(`Stack ${name} is now ${stack.status}, no longer ${ROLLBACK_COMPLETE}; run the plan again.`);
  }
  if (stack?.status === ROLLBACK_COMPLETE) {
    const deleted = await deleteStack(client, name, input);
    if (!deleted.ok) return deleted;
  }
  const { observed, changeSet } = await reviewStack(client, { ...input, keepChangeSet: true });
  const review = observed.review;
  if (review.kind === 'create' && changeSet) return runChangeSet(client, input, changeSet);
  return fail(
    'reason' in review
      ? review.reason
      : `Expected a create of stack ${name}, CloudFormation proposed ${review.kind}`,
  );
};

/** Never throws for AWS errors: the caller applies the other accounts and reports this one. */
export const executeStack = async (
  client: CloudFormationClient,
  input: ExecuteInput,
): Promise<ExecuteResult> => {
  const review = input.review;
  try {
    switch (review.kind) {
      case 'create':
      case 'update':
        if (!input.changeSet) return fail(`No change set to execute for stack ${input.stack.stackName}`);
        return await runChangeSet(client, input, input.changeSet);
      case 'recreate':
        return await recreate(client, input);
      case 'no-change':
        return await current(client, input);
      case 'blocked':
      case 'error':
        return fail(review.reason);
    }
  } catch (error) {
    return fail(errorReason(error));
  }
};
