// Two corrections to the SDK's retry behaviour, applied to every IAM and CloudFormation client:
// - A LimitExceeded is a quota, not throttling, but the SDK lists `LimitExceededException` among
//   its throttling errors and would retry it (and slow the client down) up to MAX_ATTEMPTS
//   times. It is made final here: never retried, reported at once.
// - An ExpiredToken in the middle of a run (a session cut short, a clock that disagrees) is not
//   retried by the SDK at all. Here the client's credentials are fetched again, once for all
//   the calls that met the same expired session, and the call is retried once.
import type {
  AwsCredentialIdentityProvider,
  InitializeHandler,
  InitializeMiddleware,
  MetadataBearer,
  RetryErrorInfo,
  RetryStrategy,
  RetryStrategyV2,
  RetryToken,
} from '@smithy/types';
import { isLimitExceeded } from './iam/errors.ts';

/** The part of a client's resolved configuration these corrections change. */
interface ResilientConfig {
  retryStrategy: () => Promise<RetryStrategyV2 | RetryStrategy>;
  readonly credentials: AwsCredentialIdentityProvider;
}

interface Client {
  readonly config: ResilientConfig;
  readonly middlewareStack: {
    add(
      middleware: InitializeMiddleware<object, MetadataBearer>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

const isV2 = (strategy: RetryStrategyV2 | RetryStrategy): strategy is RetryStrategyV2 =>
  'refreshRetryTokenForRetry' in strategy;

/** The strategy, but a LimitExceeded ends the call instead of being retried as throttling. */
export const limitsAreFinal = (strategy: RetryStrategyV2): RetryStrategyV2 => ({
  acquireInitialRetryToken: (scope: string) => strategy.acquireInitialRetryToken(scope),
  refreshRetryTokenForRetry: (token: RetryToken, info: RetryErrorInfo) =>
    isLimitExceeded(info.error)
      ? Promise.reject(new Error('A LimitExceeded is not retried'))
      : strategy.refreshRetryTokenForRetry(token, info),
  recordSuccess: (token: RetryToken) => strategy.recordSuccess(token),
});

export const isExpiredToken = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'ExpiredToken' || name === 'ExpiredTokenException';
};

/**
 * Refreshes the client's credentials once per expired session: calls that fail together wait
 * for the one refresh instead of each fetching new credentials.
 */
const sessionRefresher = (credentials: AwsCredentialIdentityProvider) => {
  let generation = 0;
  let refreshing: Promise<unknown> | undefined;
  return {
    current: () => generation,
    after: async (seen: number): Promise<void> => {
      if (seen === generation) {
        generation += 1;
        refreshing = credentials({ forceRefresh: true }).finally(() => {
          refreshing = undefined;
        });
      }
      await refreshing;
    },
  };
};

/** One refresher per provider: every account chained on the master renews it once. */
const refreshers = new WeakMap<AwsCredentialIdentityProvider, ReturnType<typeof sessionRefresher>>();
const refresherOf = (provider: AwsCredentialIdentityProvider): ReturnType<typeof sessionRefresher> => {
  const known = refreshers.get(provider);
  if (known) return known;
  const made = sessionRefresher(provider);
  refreshers.set(provider, made);
  return made;
};

const refreshOnExpiredToken = (
  credentials: AwsCredentialIdentityProvider,
): InitializeMiddleware<object, MetadataBearer> => {
  const refresher = sessionRefresher(credentials);
  return (next: InitializeHandler<object, MetadataBearer>) => async (args) => {
    const seen = refresher.current();
    try {
      return await next(args);
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
      await refresher.after(seen);
      return next(args);
    }
  };
};

/**
 * For role chaining: the STS client inside a chained provider asks `master` on every call (it
 * keeps no copy of its own, so a refreshed master session is used at once), and an AssumeRole
 * refused as expired renews the master session once and assumes again.
 */
export const chainedOn = (
  master: AwsCredentialIdentityProvider,
  assume: (master: AwsCredentialIdentityProvider) => AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider => {
  const asked = Object.assign((options?: Record<string, unknown>) => master(options), { memoized: true });
  const provider = assume(asked);
  const renewal = refresherOf(master);
  return async (options) => {
    const seen = renewal.current();
    try {
      return await provider(options);
    } catch (error) {
      if (!isExpiredToken(error)) throw error;
      await renewal.after(seen);
      return provider(options);
    }
  };
};

/** Applies both corrections to a freshly made client, and returns it. */
export const resilient = <C extends Client>(client: C): C => {
  const sdkDefault = client.config.retryStrategy;
  let wrapped: Promise<RetryStrategyV2 | RetryStrategy> | undefined;
  client.config.retryStrategy = () =>
    (wrapped ??= sdkDefault().then((strategy) => (isV2(strategy) ? limitsAreFinal(strategy) : strategy)));
  client.middlewareStack.add(refreshOnExpiredToken(client.config.credentials), {
    step: 'initialize',
    name: 'refreshExpiredCredentials',
  });
  return client;
};
