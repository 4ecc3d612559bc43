// The facts of a pull_request event the plan needs, read from the event payload.

export interface PullRequestInfo {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string | undefined;
  /** A PR from a fork gets no OIDC token and a read-only GITHUB_TOKEN. */
  readonly fromFork: boolean;
}

const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

export const pullRequestInfo = (payload: Readonly<Record<string, unknown>>): PullRequestInfo | undefined => {
  const pr = record(payload['pull_request']);
  const number = pr['number'] ?? payload['number'];
  if (typeof number !== 'number') return undefined;
  const head = record(pr['head']);
  const base = record(pr['base']);
  const headRepo = record(head['repo'])['full_name'];
  const baseRepo = record(base['repo'])['full_name'];
  return {
    number,
    headSha: typeof head['sha'] === 'string' ? head['sha'] : '',
    baseSha: typeof base['sha'] === 'string' ? base['sha'] : undefined,
    fromFork:
      record(head['repo'])['fork'] === true ||
      (typeof headRepo === 'string' && typeof baseRepo === 'string' && headRepo !== baseRepo),
  };
};
