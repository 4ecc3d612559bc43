// Tearing a stack down for the `delete` command (and before recreating a failed one).
// Re-runnable: an absent stack is a success, a deletion under way is waited for.
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { describeStack, waitWhileBusy } from './describe.ts';
import { errorReason } from './errors.ts';
import { operationOutcome, waitForOperation } from './operation.ts';
import type { WaitOptions } from './options.ts';
import { isBusy } from './status.ts';

export type DeleteResult =
  { readonly ok: true; readonly existed: boolean } | { readonly ok: false; readonly reason: string };

const DELETE_IN_PROGRESS = 'DELETE_IN_PROGRESS';

export const deleteStack = async (
  client: CloudFormationClient,
  stackName: string,
  options: WaitOptions,
): Promise<DeleteResult> => {
  try {
    let stack = await describeStack(client, stackName);
    if (!stack) return { ok: true, existed: false };
    // CloudFormation refuses to delete a stack mid-update; let that operation end first.
    if (isBusy(stack.status) && stack.status !== DELETE_IN_PROGRESS) {
      stack = await waitWhileBusy(client, stackName, stack, options);
      if (!stack) return { ok: true, existed: true };
      if (isBusy(stack.status) && stack.status !== DELETE_IN_PROGRESS) {
        return {
          ok: false,
          reason: `Stack ${stackName} is still ${stack.status} after ${options.maxWaitSeconds} s; run again when it finishes.`,
        };
      }
    }
    const since = new Date();
    if (stack.status !== DELETE_IN_PROGRESS) {
      await client.send(new DeleteStackCommand({ StackName: stack.stackId }));
    }
    await waitForOperation(client, stack.stackId, 'DELETE', options);
    const outcome = await operationOutcome(client, stackName, since, options);
    if (!outcome.ok) return outcome;
    if (outcome.stack) {
      return { ok: false, reason: `Stack ${stackName} is still ${outcome.stack.status} after DeleteStack` };
    }
    return { ok: true, existed: true };
  } catch (error) {
    return { ok: false, reason: errorReason(error) };
  }
};
