// What the action needs of an event's payload, read defensively: a payload is JSON written
// by GitHub (or by a test), and any field may be missing or of another type.

/** The object under a key, or an empty one. */
export const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export interface PullRequestInfo {
  readonly number: number;
  /** Empty when the event does not say (an issue comment on a pull request). */
  readonly headSha: string;
  readonly baseSha: string | undefined;
  /** `owner/name` of the head's repository, when the event says. */
  readonly headRepository: string | undefined;
  /**
   * The head may be in another repository: a fork, or an event that does not say where the
   * head is (then the answer must be the safe one).
   */
  readonly fromFork: boolean;
  /** The pull request's author. */
  readonly author: string | undefined;
}

const sameRepository = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The pull request an event is about: `pull_request*` events and reviews carry it whole; an
 * issue comment on a pull request carries only its number, so its head counts as foreign.
 */
export const pullRequestOf = (payload: Readonly<Record<string, unknown>>): PullRequestInfo | undefined => {
  const pr = record(payload['pull_request']);
  const issue = record(payload['issue']);
  const number = pr['number'] ?? payload['number'] ?? (issue['pull_request'] ? issue['number'] : undefined);
  if (typeof number !== 'number') return undefined;
  const head = record(pr['head']);
  const headRepo = record(head['repo']);
  const headRepository = text(headRepo['full_name']);
  const baseRepository =
    text(record(record(pr['base'])['repo'])['full_name']) ?? text(record(payload['repository'])['full_name']);
  return {
    number,
    headSha: text(head['sha']) ?? '',
    baseSha: text(record(pr['base'])['sha']),
    headRepository,
    fromFork: headRepo['fork'] === true || !sameRepository(headRepository, baseRepository),
    author: text(record(pr['user'])['login']) ?? text(record(issue['user'])['login']),
  };
};

/** A `workflow_run` started by a run of another repository's head (a fork's pull request). */
export const workflowRunFromFork = (payload: Readonly<Record<string, unknown>>): boolean => {
  const run = payload['workflow_run'];
  if (run === undefined) return false;
  const head = text(record(record(run)['head_repository'])['full_name']);
  return !sameRepository(head, text(record(payload['repository'])['full_name']));
};

export const defaultBranchOf = (payload: Readonly<Record<string, unknown>>): string | undefined =>
  text(record(payload['repository'])['default_branch']);

export const dispatchInputsOf = (
  payload: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> | undefined => {
  const inputs = payload['inputs'];
  return typeof inputs === 'object' && inputs !== null ? record(inputs) : undefined;
};

/** A push's commit before it, and the commits it brought (newest last), as the payload lists them. */
export const pushedCommitsOf = (
  payload: Readonly<Record<string, unknown>>,
): { readonly before: string | undefined; readonly commits: readonly string[] } => {
  const before = text(payload['before']);
  const commits = Array.isArray(payload['commits'])
    ? payload['commits'].flatMap((c) => {
        const id = text(record(c)['id']);
        return id === undefined ? [] : [id];
      })
    : [];
  // 40 zeros: the push created the branch; there is no commit before it.
  return { before: before === undefined || /^0+$/.test(before) ? undefined : before, commits };
};
