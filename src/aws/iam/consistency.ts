// IAM is eventually consistent: a group just created may not be found for a few seconds by
// the next call that names it. Such a NoSuchEntity is retried with backoff for about 10 s
// (AWS's guidance for IAM changes to propagate) before it counts as a failure.

/** How long a call naming a group this run created keeps being retried on NoSuchEntity. */
export const CONSISTENCY_WAIT_MS = 10_000;
const FIRST_DELAY_MS = 250;

export interface RetryTiming {
  readonly waitMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

export const realTiming: RetryTiming = {
  waitMs: CONSISTENCY_WAIT_MS,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** Runs `call`, again after 250 ms, 500 ms, 1 s, ... while `notYetVisible` holds and time is left. */
export const retryUntilVisible = async <T>(
  call: () => Promise<T>,
  notYetVisible: (error: unknown) => boolean,
  timing: RetryTiming = realTiming,
): Promise<T> => {
  const deadline = timing.now() + timing.waitMs;
  let delay = FIRST_DELAY_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const left = deadline - timing.now();
      if (!notYetVisible(error) || left <= 0) throw error;
      await timing.sleep(Math.min(delay, left));
      delay *= 2;
    }
  }
};
