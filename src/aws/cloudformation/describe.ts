// Reading one stack's status, and waiting for a stack that is mid-operation to settle.
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { isStackMissing } from './errors.ts';
import type { WaitOptions } from './options.ts';
import { pollDelayMs, sleep } from './options.ts';
import { isBusy } from './status.ts';

export interface StackDescription {
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly stackId: string;
  readonly outputs: Readonly<Record<string, string>>;
  /** As DescribeStacks gives them: NoEcho values masked. */
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
}

/** The stack by name, or undefined when it does not exist. Other AWS errors are thrown. */
export const describeStack = async (
  client: CloudFormationClient,
  stackName: string,
): Promise<StackDescription | undefined> => {
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack?.StackStatus) return undefined;
    const outputs: Record<string, string> = {};
    for (const o of stack.Outputs ?? []) {
      if (o.OutputKey !== undefined && o.OutputValue !== undefined) outputs[o.OutputKey] = o.OutputValue;
    }
    const parameters = (stack.Parameters ?? []).flatMap((p) =>
      p.ParameterKey === undefined ? [] : [{ key: p.ParameterKey, value: p.ParameterValue ?? '' }],
    );
    return {
      status: stack.StackStatus,
      parameters,
      statusReason: stack.StackStatusReason,
      stackId: stack.StackId ?? stackName,
      outputs,
    };
  } catch (error) {
    if (isStackMissing(error)) return undefined;
    throw error;
  }
};

/**
 * Polls until the stack is no longer in an `*_IN_PROGRESS` state, or the wait is over.
 * Returns the last description: still busy when the bound was reached, undefined once deleted.
 */
export const waitWhileBusy = async (
  client: CloudFormationClient,
  stackName: string,
  first: StackDescription,
  options: WaitOptions,
): Promise<StackDescription | undefined> => {
  const deadline = Date.now() + options.maxWaitSeconds * 1000;
  let current: StackDescription | undefined = first;
  while (current && isBusy(current.status)) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(pollDelayMs(options), left));
    current = await describeStack(client, stackName);
  }
  return current;
};
