// Review through a change set: create it, wait, read what it would do, and unless apply
// will execute it, delete it (and the REVIEW_IN_PROGRESS stack a CREATE set leaves).
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { DesiredStack } from '../../core/model.ts';
import type { StackReview } from '../../core/observed.ts';
import type { ChangeSetContents, ChangeSetRef, ReviewType } from './change-set.ts';
import { createChangeSet, isVanished, readChangeSet, waitForChangeSet } from './change-set.ts';
import { discardReview } from './cleanup.ts';
import { hasErrorName } from '../error-text.ts';
import { errorMeansNoChange, errorReason, meansNoChange } from './errors.ts';
import type { WaitOptions } from './options.ts';

export interface ChangeSetReviewInput extends WaitOptions {
  readonly stack: DesiredStack;
  readonly changeSetName: string;
  /** True on apply: a change set with changes is kept for executeStack. */
  readonly keepChangeSet: boolean;
}

export interface ChangeSetReview {
  readonly review: StackReview;
  readonly changeSet?: ChangeSetRef;
}

const NO_CHANGE: StackReview = { kind: 'no-change' };

const isTimeout = (error: unknown): boolean => hasErrorName(error, 'TimeoutError');

/** What the computed change set means; a set still being computed means the wait ran out. */
const judge = (
  ref: ChangeSetRef,
  contents: ChangeSetContents,
  waitError: unknown,
  input: ChangeSetReviewInput,
): StackReview => {
  if (contents.status === 'CREATE_COMPLETE') {
    return { kind: ref.type === 'CREATE' ? 'create' : 'update', changes: contents.changes };
  }
  if (contents.status === 'FAILED') {
    if (meansNoChange(contents.statusReason)) return NO_CHANGE;
    return { kind: 'error', reason: contents.statusReason ?? `Change set ${ref.name} failed` };
  }
  if (waitError !== undefined && !isTimeout(waitError))
    return { kind: 'error', reason: errorReason(waitError) };
  return {
    kind: 'error',
    reason: `Timed out after ${input.maxWaitSeconds} s waiting for change set ${ref.name} of stack ${ref.stackName} (status ${contents.status || 'unknown'})`,
  };
};

const keeps = (input: ChangeSetReviewInput, review: StackReview): boolean =>
  input.keepChangeSet && (review.kind === 'create' || review.kind === 'update');

export const reviewChangeSet = async (
  client: CloudFormationClient,
  input: ChangeSetReviewInput,
  type: ReviewType,
): Promise<ChangeSetReview> => {
  let ref: ChangeSetRef | undefined;
  let keep = false;
  try {
    try {
      ref = await createChangeSet(client, input.stack, input.changeSetName, type);
    } catch (error) {
      return {
        review: errorMeansNoChange(error) ? NO_CHANGE : { kind: 'error', reason: errorReason(error) },
      };
    }
    const waitError = await waitForChangeSet(client, ref, input);
    if (waitError !== undefined && errorMeansNoChange(waitError)) return { review: NO_CHANGE };
    if (isVanished(waitError)) return { review: { kind: 'error', reason: waitError.message } };
    const review = judge(ref, await readChangeSet(client, ref), waitError, input);
    keep = keeps(input, review);
    return keep ? { review, changeSet: ref } : { review };
  } catch (error) {
    return { review: { kind: 'error', reason: errorReason(error) } };
  } finally {
    if (ref && !keep) await discardReview(client, ref, input);
  }
};
