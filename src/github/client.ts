// The run's one GitHub client. Transient failures are retried by Octokit's own plugins, not
// by hand: 5xx with backoff (plugin-retry), primary and secondary rate limits after the
// `retry-after` GitHub sends (plugin-throttling).
import * as github from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof github.getOctokit>;

/** Retries of one request after a rate limit; past this, or a longer wait, the call fails. */
const RATE_LIMIT_RETRIES = 2;
const LONGEST_WAIT_SECONDS = 120;

const retryRateLimit = (
  retryAfter: number,
  _options: unknown,
  _octokit: unknown,
  retryCount: number,
): boolean => retryCount < RATE_LIMIT_RETRIES && retryAfter <= LONGEST_WAIT_SECONDS;

export const gitHubClient = (token: string): GitHubClient =>
  github.getOctokit(
    token,
    {
      retry: { retries: 3 },
      throttle: { onRateLimit: retryRateLimit, onSecondaryRateLimit: retryRateLimit },
    },
    retry,
    throttling,
  );

/** The HTTP status of a failed request, if it was one. */
export const httpStatus = (e: unknown): number | undefined => {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
};

/** A 403 or 429 that is GitHub asking to slow down, not a missing permission. */
export const isRateLimited = (e: unknown): boolean => {
  const status = httpStatus(e);
  const message = e instanceof Error ? e.message : '';
  return status === 429 || (status === 403 && /rate limit/i.test(message));
};
