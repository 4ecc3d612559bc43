// What a stack status allows: reviewing, waiting, or nothing until someone repairs it.

/** REVIEW_IN_PROGRESS is not busy: it is a stack that only holds a CREATE change set. */
export const REVIEW_IN_PROGRESS = 'REVIEW_IN_PROGRESS';

/** A failed first create; the stack can only be deleted. */
export const ROLLBACK_COMPLETE = 'ROLLBACK_COMPLETE';

export const isBusy = (status: string): boolean =>
  status.endsWith('_IN_PROGRESS') && status !== REVIEW_IN_PROGRESS;

/** CREATE_FAILED, DELETE_FAILED, UPDATE_ROLLBACK_FAILED, ...: a person has to step in. */
export const isFailed = (status: string): boolean => status.endsWith('_FAILED');

/** The end states of an operation that did not do what was asked. */
export const isUnsuccessful = (status: string): boolean =>
  isFailed(status) || status === ROLLBACK_COMPLETE || status === 'UPDATE_ROLLBACK_COMPLETE';
