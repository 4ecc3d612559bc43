// The review of one account's stack for the plan (and the first half of apply): what the
// stack's state allows, then a change set that says what would change.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Partition, RoleTemplate } from '../../core/model.ts';
import type { ObservedAccount, ObservedRole, StackReview } from '../../core/observed.ts';
import type { ChangeSetRef } from './change-set.ts';
import type { StackDescription } from './describe.ts';
import { unchangedWithoutChangeSet } from './deployed.ts';
import { describeStack, waitWhileBusy } from './describe.ts';
import { errorReason } from './errors.ts';
import { explainFailure } from './events.ts';
import type { ChangeSetReviewInput } from './review-change-set.ts';
import { reviewChangeSet } from './review-change-set.ts';
import { readRoles } from './roles.ts';
import { isBusy, isFailed, REVIEW_IN_PROGRESS, ROLLBACK_COMPLETE } from './status.ts';
import { templateAdditions } from './template-changes.ts';

export type { ChangeSetRef } from './change-set.ts';

export interface ReviewInput extends ChangeSetReviewInput {
  /** The parsed template: its roles' paths for ARNs, its resources for the recreate preview. */
  readonly template: RoleTemplate;
  readonly partition: Partition;
}

export interface ReviewResult {
  readonly observed: ObservedAccount;
  /** Only with keepChangeSet, and only when there is something to execute. */
  readonly changeSet?: ChangeSetRef;
}

const COMPARED_NO_CHANGE: StackReview = { kind: 'no-change', comparedWithDeployed: true };

/** A review the stack's state decides without a change set, or undefined when one is needed. */
const reviewOfState = async (
  client: CloudFormationClient,
  input: ReviewInput,
  stack: StackDescription,
): Promise<StackReview | undefined> => {
  const name = input.stack.stackName;
  if (isBusy(stack.status)) {
    return {
      kind: 'blocked',
      reason: `Stack ${name} is still ${stack.status} after ${input.maxWaitSeconds} s; run the plan again when it finishes.`,
    };
  }
  if (stack.status === ROLLBACK_COMPLETE) {
    const cause = await explainFailure(client, name, stack.statusReason);
    return {
      kind: 'recreate',
      reason: `The stack is in ROLLBACK_COMPLETE after a failed create: ${cause}. Apply deletes it and creates it again.`,
      changes: templateAdditions(input.template),
    };
  }
  if (isFailed(stack.status)) {
    const cause = await explainFailure(client, name, stack.statusReason);
    return {
      kind: 'blocked',
      reason: `Stack ${name} is in ${stack.status}: ${cause}. Repair or delete it in the AWS console, then run again.`,
    };
  }
  return undefined;
};

/** The stack as it is once any operation in progress has finished (or the wait ran out). */
const settledStack = async (
  client: CloudFormationClient,
  input: ReviewInput,
): Promise<StackDescription | undefined> => {
  const found = await describeStack(client, input.stack.stackName);
  return found && isBusy(found.status) ? waitWhileBusy(client, input.stack.stackName, found, input) : found;
};

/** Never throws for AWS errors: they become an `error` review, so other accounts still get planned. */
export const reviewStack = async (
  client: CloudFormationClient,
  input: ReviewInput,
): Promise<ReviewResult> => {
  const { accountName, accountId, stackName } = input.stack;
  let stackStatus: string | undefined;
  let roles: ObservedRole[] = [];
  const result = (review: StackReview, changeSet?: ChangeSetRef): ReviewResult => ({
    observed: { accountName, accountId, stackStatus, roles, review },
    ...(changeSet ? { changeSet } : {}),
  });
  try {
    const stack = await settledStack(client, input);
    stackStatus = stack?.status;
    const real = stack !== undefined && stack.status !== REVIEW_IN_PROGRESS;
    // The roles and the comparison with the deployed template both need only the stack: at once.
    const [read, unchanged] = await Promise.all([
      real ? readRoles(client, stackName, accountId, input.partition, input.template.roles) : [],
      real && unchangedWithoutChangeSet(client, input.stack, input.template, stack, input.warn),
    ]);
    roles = read;
    const decided = stack && (await reviewOfState(client, input, stack));
    if (decided) return result(decided);
    if (unchanged) return result(COMPARED_NO_CHANGE);
    const { review, changeSet } = await reviewChangeSet(client, input, real ? 'UPDATE' : 'CREATE');
    return result(review, changeSet);
  } catch (error) {
    return result({ kind: 'error', reason: errorReason(error) });
  }
};
