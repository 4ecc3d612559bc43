// A service's write rate limit, as IAM enforces one: a token bucket refilled at `perSecond`
// holding at most `burst` tokens. A write that finds the bucket empty is answered with
// `Throttling` (and changes nothing); reads are never limited.

export interface RateLimitOptions {
  /** Tokens added per second. */
  readonly perSecond: number;
  /** Bucket size: how many writes may arrive at once after a quiet spell. */
  readonly burst: number;
}

export interface TokenBucket {
  /** Takes a token at `nowMs`; false when none is left. */
  take(nowMs: number): boolean;
  readonly options: RateLimitOptions;
}

export function createTokenBucket(options: RateLimitOptions, nowMs: number): TokenBucket {
  if (!(options.perSecond > 0) || !(options.burst >= 1)) {
    throw new RangeError(`rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(options)}`);
  }
  let tokens = options.burst;
  let last = nowMs;
  return {
    options,
    take(now) {
      tokens = Math.min(options.burst, tokens + ((now - last) / 1000) * options.perSecond);
      last = now;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
