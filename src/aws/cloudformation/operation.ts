// Waiting for a stack operation to end and saying how it ended. The SDK waiters throw on
// failure and timeout alike, so the outcome is read from the stack afterwards.
import {
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { StackDescription } from './describe.ts';
import { describeStack } from './describe.ts';
import { explainFailure } from './events.ts';
import type { WaitOptions } from './options.ts';
import { waiterSettings } from './options.ts';
import { isUnsuccessful } from './status.ts';

export type OperationKind = 'CREATE' | 'UPDATE' | 'DELETE';

const WAITERS = {
  CREATE: waitUntilStackCreateComplete,
  UPDATE: waitUntilStackUpdateComplete,
  DELETE: waitUntilStackDeleteComplete,
} as const;

export const waitForOperation = async (
  client: CloudFormationClient,
  stackNameOrId: string,
  kind: OperationKind,
  options: WaitOptions,
): Promise<void> => {
  try {
    await WAITERS[kind](waiterSettings(client, options), { StackName: stackNameOrId });
  } catch {
    // The stack's status tells failure from timeout; see operationOutcome.
  }
};

export type OperationOutcome =
  | { readonly ok: true; readonly stack: StackDescription | undefined }
  | { readonly ok: false; readonly reason: string };

export const timedOut = (stackName: string, status: string, options: WaitOptions): string =>
  `Timed out after ${options.maxWaitSeconds} s waiting for stack ${stackName} (status ${status})`;

/**
 * How the operation started at `since` ended: the stack now (undefined once deleted), or
 * the first failing event of the operation when it failed.
 */
export const operationOutcome = async (
  client: CloudFormationClient,
  stackName: string,
  since: Date,
  options: WaitOptions,
): Promise<OperationOutcome> => {
  const stack = await describeStack(client, stackName);
  if (!stack) return { ok: true, stack };
  // REVIEW_IN_PROGRESS too: a created stack whose execution never began.
  if (stack.status.endsWith('_IN_PROGRESS')) {
    return { ok: false, reason: timedOut(stackName, stack.status, options) };
  }
  if (isUnsuccessful(stack.status)) {
    const cause = await explainFailure(client, stackName, stack.statusReason, since);
    return { ok: false, reason: `${cause} (stack ${stackName} is now ${stack.status})` };
  }
  return { ok: true, stack };
};
