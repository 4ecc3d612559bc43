// Timing of every wait in this adapter. Tests pass tiny delays; the action passes the
// user's timeout. The SDK waiters count in seconds, so milliseconds are converted here.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { hasErrorName, isTransientAwsError } from '../error-text.ts';

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
  readonly abortSignal: AbortSignal;
}

/**
 * The SDK's CloudFormation waiters poll again after any error but their own ValidationError,
 * so expired credentials or AccessDenied would keep a run polling until its timeout. Such an
 * error cannot go away by waiting (throttling and 5xx were already retried by the client),
 * so it ends the wait; the caller then reads the stack and reports the error.
 */
const endsTheWait = (error: unknown): boolean =>
  !hasErrorName(error, 'ValidationError') && !isTransientAwsError(error);

/** The client as a waiter sees it: each error of `send` goes through `map`, which may act on it
 * and returns the error to throw instead. */
export const mappingSendErrors = (
  client: CloudFormationClient,
  map: (error: unknown) => unknown,
): CloudFormationClient =>
  new Proxy(client, {
    get: (target, property, receiver) => {
      if (property !== 'send') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<CloudFormationClient['send']>) => {
        try {
          return await target.send(...args);
        } catch (error) {
          throw map(error);
        }
      };
    },
  });

/** A lasting error aborts the wait, and is thrown as it is. */
const abortingOnLastingErrors = (
  client: CloudFormationClient,
  abort: AbortController,
): CloudFormationClient =>
  mappingSendErrors(client, (error) => {
    if (endsTheWait(error)) abort.abort(error);
    return error;
  });

/** SDK waiter settings; the SDK refuses a first delay as long as the whole wait, so it is capped. */
export const waiterSettings = (client: CloudFormationClient, options: WaitOptions): WaiterSettings => {
  const maxWaitTime = options.maxWaitSeconds;
  const minDelay = Math.min(pollDelayMs(options) / 1000, maxWaitTime / 2);
  const maxDelay = Math.max(minDelay, (options.maxPollDelayMs ?? DEFAULT_MAX_POLL_DELAY_MS) / 1000);
  const abort = new AbortController();
  return {
    client: abortingOnLastingErrors(client, abort),
    minDelay,
    maxDelay,
    maxWaitTime,
    abortSignal: abort.signal,
  };
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
