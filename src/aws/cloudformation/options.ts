// Timing of every wait in this adapter. Tests pass tiny delays; the action passes the
// user's timeout. The SDK waiters count in seconds, so milliseconds are converted here.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface WaitOptions {
  /** First delay between two polls (default 5 s); waiters back off from there. */
  readonly pollDelayMs?: number;
  /** Longest delay between two polls of a waiter (default 30 s). */
  readonly maxPollDelayMs?: number;
  /** Bound of each wait: a stack operation, a change set, a busy stack settling. */
  readonly maxWaitSeconds: number;
  /** Told about problems that do not change the outcome (a review left behind). */
  readonly warn?: (message: string) => void;
}

const DEFAULT_POLL_DELAY_MS = 5_000;
const DEFAULT_MAX_POLL_DELAY_MS = 30_000;

export const pollDelayMs = (options: WaitOptions): number => options.pollDelayMs ?? DEFAULT_POLL_DELAY_MS;

export interface WaiterSettings {
  readonly client: CloudFormationClient;
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly maxWaitTime: number;
}

/** SDK waiter settings; the SDK refuses a first delay as long as the whole wait, so it is capped. */
export const waiterSettings = (client: CloudFormationClient, options: WaitOptions): WaiterSettings => {
  const maxWaitTime = options.maxWaitSeconds;
  const minDelay = Math.min(pollDelayMs(options) / 1000, maxWaitTime / 2);
  const maxDelay = Math.max(minDelay, (options.maxPollDelayMs ?? DEFAULT_MAX_POLL_DELAY_MS) / 1000);
  return { client, minDelay, maxDelay, maxWaitTime };
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
