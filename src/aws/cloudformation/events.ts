// The stack event that caused a failure: the first resource that failed in the latest
// operation, quoted as `<LogicalId> <STATUS>: <reason>`.
import { paginateDescribeStackEvents } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';

/** Stack-level statuses that open an operation; older events belong to earlier ones. */
const OPERATION_STARTS = new Set([
  'CREATE_IN_PROGRESS',
  'UPDATE_IN_PROGRESS',
  'DELETE_IN_PROGRESS',
  'IMPORT_IN_PROGRESS',
]);

/** Our clock and CloudFormation's may differ; an event this much "older" still counts. */
const CLOCK_SKEW_MS = 60_000;

const isStackLevel = (e: StackEvent): boolean =>
  e.ResourceType === 'AWS::CloudFormation::Stack' && e.LogicalResourceId === e.StackName;

const opensOperation = (e: StackEvent): boolean =>
  isStackLevel(e) && e.ResourceStatus !== undefined && OPERATION_STARTS.has(e.ResourceStatus);

const isFailure = (e: StackEvent): boolean => e.ResourceStatus?.endsWith('_FAILED') === true;

const before = (e: StackEvent, since: Date | undefined): boolean =>
  since !== undefined && e.Timestamp !== undefined && e.Timestamp.getTime() < since.getTime() - CLOCK_SKEW_MS;

export const formatEvent = (e: StackEvent): string =>
  `${e.LogicalResourceId ?? '?'} ${e.ResourceStatus ?? '?'}: ${e.ResourceStatusReason ?? 'no reason given'}`;

/**
 * The oldest failed event of the stack's latest operation (started at `since` when given).
 * Events come newest first, so reading stops at the event that opened the operation.
 */
export const firstFailure = async (
  client: CloudFormationClient,
  stackName: string,
  since?: Date,
): Promise<string | undefined> => {
  let oldest: StackEvent | undefined;
  for await (const page of paginateDescribeStackEvents({ client }, { StackName: stackName })) {
    for (const e of page.StackEvents ?? []) {
      if (before(e, since)) return oldest && formatEvent(oldest);
      if (isFailure(e)) oldest = e;
      if (opensOperation(e)) return oldest && formatEvent(oldest);
    }
  }
  return oldest && formatEvent(oldest);
};

/** firstFailure that never throws: the failure being explained matters more than the events. */
export const explainFailure = async (
  client: CloudFormationClient,
  stackName: string,
  fallback: string | undefined,
  since?: Date,
): Promise<string> => {
  try {
    return (await firstFailure(client, stackName, since)) ?? fallback ?? 'no failing stack event was found';
  } catch {
    return fallback ?? 'the stack events could not be read';
  }
};
