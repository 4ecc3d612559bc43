// In-memory state of the emulated repositories: issues/PRs, their comments, labels and
// requested reviewers. Plain records and small functions; rendering to JSON is elsewhere.
import type { CommentSeed, GitHubUser, PullRequestSeed } from './types.ts';
import { fakeSha } from './sha.ts';
import { makeUser } from './users.ts';

export interface StoredComment {
  readonly id: number;
  body: string;
  readonly user: GitHubUser;
  readonly createdAt: string;
  updatedAt: string;
}

/** How a pull request reached its base: the commits that landed there, and when. */
export interface MergeRecord {
  readonly method: 'merge' | 'squash' | 'rebase';
  /** The merge commit, the squashed commit, or the last rebased commit. */
  readonly mergeCommitSha: string;
  /** Every commit that landed on the base (one, or several for a rebase). */
  readonly commits: readonly string[];
  readonly mergedAt: string;
}

/** A review as GitHub keeps it: who, the verdict, and the commit it was given on. */
export interface ReviewRecord {
  readonly id: number;
  readonly user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  readonly commitId: string;
  readonly submittedAt: string;
}

export interface PullRecord {
  merged?: MergeRecord;
  readonly reviews: ReviewRecord[];
  readonly headSha: string;
  readonly headRef: string;
  readonly headRepo: string;
  readonly baseRef: string;
  readonly baseSha: string;
  readonly title: string;
  readonly author: string;
}

export interface IssueRecord {
  readonly number: number;
  readonly comments: StoredComment[];
  labels: string[];
  readonly reviewers: string[];
  readonly teamReviewers: string[];
  pull?: PullRecord;
  /** What an issue (not a pull request) has; a pull request's title is in `pull`. */
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  readonly author: GitHubUser;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface RepoRecord {
  readonly id: number;
  /** owner/name as first declared (GitHub matches names case-insensitively). */
  readonly fullName: string;
  readonly issues: Map<number, IssueRecord>;
  /** Commit sha -> file path -> content: what the contents API serves. */
  readonly commits: Map<string, Map<string, string>>;
  /** Commit sha -> the statuses set on it, oldest first. */
  readonly statuses: Map<string, StatusRecord[]>;
}

export interface StatusRecord {
  readonly id: number;
  readonly context: string;
  readonly state: string;
  readonly description: string | null;
  readonly targetUrl: string | null;
  readonly createdAt: string;
}

export interface Store {
  readonly repos: Map<string, RepoRecord>;
  nextCommentId: number;
  nextRepoId: number;
  /** `org/slug` (lower case) -> its members' logins. */
  readonly teams: Map<string, Set<string>>;
  /** Whether the job's token may read teams (GITHUB_TOKEN may not: a GitHub App token may). */
  teamsReadable: boolean;
}

// Comment ids above 2^31 like today's GitHub, so callers that assume int32 ids break here.
const FIRST_COMMENT_ID = 3_000_000_001;

export const createStore = (): Store => ({
  repos: new Map(),
  nextCommentId: FIRST_COMMENT_ID,
  nextRepoId: 100_001,
  teams: new Map(),
  teamsReadable: false,
});

export const repoKey = (owner: string, repo: string): string => `${owner}/${repo}`.toLowerCase();

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
export const timestamp = (d: Date = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export const findRepo = (store: Store, owner: string, repo: string): RepoRecord | undefined =>
  store.repos.get(repoKey(owner, repo));

export const ensureRepo = (store: Store, fullName: string): RepoRecord => {
  const [owner = '', repo = ''] = fullName.split('/');
  if (!owner || !repo) throw new Error(`Repository must be "owner/name", got "${fullName}"`);
  const existing = findRepo(store, owner, repo);
  if (existing) return existing;
  const created: RepoRecord = {
    id: store.nextRepoId++,
    fullName: `${owner}/${repo}`,
    issues: new Map(),
    commits: new Map(),
    statuses: new Map(),
  };
  store.repos.set(repoKey(owner, repo), created);
  return created;
};

export interface IssueSeed {
  readonly title?: string;
  readonly body?: string | null;
  readonly labels?: readonly string[];
  readonly state?: 'open' | 'closed';
  readonly author?: GitHubUser;
  readonly createdAt?: string;
}

export const ensureIssue = (repo: RepoRecord, issueNumber: number, seed: IssueSeed = {}): IssueRecord => {
  const existing = repo.issues.get(issueNumber);
  if (existing) return existing;
  const now = seed.createdAt ?? timestamp();
  const state = seed.state ?? 'open';
  const created: IssueRecord = {
    number: issueNumber,
    comments: [],
    labels: [...(seed.labels ?? [])],
    reviewers: [],
    teamReviewers: [],
    title: seed.title ?? `Issue #${issueNumber}`,
    body: seed.body ?? null,
    state,
    stateReason: state === 'closed' ? 'completed' : null,
    author: seed.author ?? makeUser('octocat'),
    createdAt: now,
    updatedAt: now,
    closedAt: state === 'closed' ? now : null,
  };
  repo.issues.set(issueNumber, created);
  return created;
};

/** Issues and pull requests share one sequence of numbers in a repository. */
export const nextIssueNumber = (repo: RepoRecord): number => Math.max(0, ...repo.issues.keys()) + 1;

export const findIssue = (store: Store, owner: string, repo: string, n: number): IssueRecord | undefined =>
  findRepo(store, owner, repo)?.issues.get(n);

export const addComment = (store: Store, issue: IssueRecord, body: string, user: GitHubUser, at?: string) => {
  const now = at ?? timestamp();
  const comment: StoredComment = { id: store.nextCommentId++, body, user, createdAt: now, updatedAt: now };
  issue.comments.push(comment);
  return comment;
};

export interface CommentLocation {
  readonly repo: RepoRecord;
  readonly issue: IssueRecord;
  readonly comment: StoredComment;
}

export const findComment = (
  store: Store,
  owner: string,
  repo: string,
  id: number,
): CommentLocation | undefined => {
  const repoRecord = findRepo(store, owner, repo);
  if (!repoRecord) return undefined;
  for (const issue of repoRecord.issues.values()) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment) return { repo: repoRecord, issue, comment };
  }
  return undefined;
};

export const removeComment = (loc: CommentLocation): void => {
  const index = loc.issue.comments.indexOf(loc.comment);
  if (index >= 0) loc.issue.comments.splice(index, 1);
};

const seedUser = (seed: CommentSeed['user']): GitHubUser => {
  if (seed === undefined) return makeUser('octocat');
  if (typeof seed === 'string') return makeUser(seed);
  return makeUser(seed.login, seed.type ?? 'User');
};

export const seedComments = (
  store: Store,
  fullName: string,
  n: number,
  seeds: readonly (CommentSeed | string)[],
) => {
  const issue = ensureIssue(ensureRepo(store, fullName), n);
  return seeds.map((s) => {
    const seed = typeof s === 'string' ? { body: s } : s;
    return addComment(store, issue, seed.body, seedUser(seed.user), seed.createdAt);
  });
};

/** Declares a PR (an issue with pull data); fills GitHub-like defaults for what the test leaves out. */
export const addPull = (store: Store, fullName: string, seed: PullRequestSeed): IssueRecord => {
  const issue = ensureIssue(ensureRepo(store, fullName), seed.number);
  issue.pull = {
    reviews: issue.pull?.reviews ?? [],
    headSha: seed.headSha ?? fakeSha(`head-${fullName}-${seed.number}`),
    headRef: seed.headRef ?? `feature-${seed.number}`,
    headRepo: seed.headRepo ?? fullName,
    baseRef: seed.baseRef ?? 'main',
    baseSha: seed.baseSha ?? fakeSha(`base-${fullName}-${seed.number}`),
    title: seed.title ?? `Pull request #${seed.number}`,
    author: seed.author ?? 'octocat',
  };
  return issue;
};
