// The in-process control API tests use to seed, inspect and break the emulator.
import type { JsonWebKey } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { activate, pathMatches } from './failures.ts';
import { renderComment, renderIssue, renderPull } from './render.ts';
import { fakeSha } from './sha.ts';
import type { EmulatorState } from './state.ts';
import { OIDC_PREFIX } from './state.ts';
import {
  addPull,
  createStore,
  ensureIssue,
  ensureRepo,
  findRepo,
  nextIssueNumber,
  seedComments,
  timestamp,
} from './store.ts';
import { makeUser } from './users.ts';
import type {
  CommentSeed,
  FailureRule,
  GitHubUser,
  IssueSeed,
  IssueComment,
  OidcJobContext,
  PullRequestSeed,
  RequestLogEntry,
} from './types.ts';

export interface RequestFilter {
  readonly method?: string;
  /** Exact path, a path prefix (`/repos/o/r/issues`), or a pattern. */
  readonly path?: string | RegExp;
  readonly status?: number;
}

export interface OidcJobHandle {
  /** What ACTIONS_ID_TOKEN_REQUEST_URL holds: already carries a query, as GitHub's does. */
  readonly requestUrl: string;
  /** What ACTIONS_ID_TOKEN_REQUEST_TOKEN holds. */
  readonly requestToken: string;
}

export interface GitHubEmulatorControl {
  addRepository(fullName: string): void;
  /** Declares a pull request (and its repository); idempotent, later calls update its data. */
  addPullRequest(fullName: string, seed: PullRequestSeed): void;
  /** Marks a pull request merged: `commits` are what landed on the base (default: one merge commit). */
  mergePullRequest(
    fullName: string,
    pullNumber: number,
    merge: { readonly method?: 'merge' | 'squash' | 'rebase'; readonly commits: readonly string[] },
  ): void;
  /** A review of the pull request by `user` on `commitId` (default: its head). Returns its id. */
  submitReview(
    fullName: string,
    pullNumber: number,
    review: {
      readonly user: string;
      readonly state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED';
      readonly commitId?: string;
    },
  ): number;
  dismissReview(fullName: string, pullNumber: number, reviewId: number): void;
  /** An organisation's team and its members. */
  addTeam(org: string, slug: string, members: readonly string[]): void;
  /** Whether the job's token may read teams (false, like GITHUB_TOKEN, until set). */
  setTeamsReadable(readable: boolean): void;
  /** The statuses set on a commit, oldest first. */
  statuses(fullName: string, sha: string): { context: string; state: string; description: string | null }[];
  /** Files of a commit, served by the contents API (`GET /repos/o/r/contents/path?ref=sha`). */
  seedCommit(fullName: string, sha: string, files: Readonly<Record<string, string>>): void;
  seedComments(
    owner: string,
    repo: string,
    issueNumber: number,
    comments: readonly (CommentSeed | string)[],
  ): IssueComment[];
  /** The comments on an issue/PR as the API would return them, oldest first. */
  comments(owner: string, repo: string, issueNumber: number): IssueComment[];
  pullRequest(owner: string, repo: string, pullNumber: number): ReturnType<typeof renderPull> | undefined;
  labels(owner: string, repo: string, issueNumber: number): string[];
  /** Opens an issue (not a pull request) as a person or a bot would; returns its number. */
  seedIssue(fullName: string, seed: IssueSeed): number;
  /** Every issue of a repository (pull requests left out), as the API renders them, oldest first. */
  issues(owner: string, repo: string): ReturnType<typeof renderIssue>[];
  requestedReviewers(owner: string, repo: string, pullNumber: number): { users: string[]; teams: string[] };
  requestLog(filter?: RequestFilter): readonly RequestLogEntry[];
  callCount(filter?: RequestFilter): number;
  /** Makes matching requests fail (default 403 "Resource not accessible by integration"). */
  failRequests(rule?: FailureRule): void;
  clearFailures(): void;
  /** A fresh OIDC request URL/token pair whose tokens carry this job's claims. */
  registerOidcJob(job?: Partial<OidcJobContext>): OidcJobHandle;
  /** The public keys OIDC tokens are signed with. */
  oidcJwks(): { keys: JsonWebKey[] };
  /** Forgets comments, PRs, labels, the log and failures; keeps tokens, keys and the initial repositories. */
  reset(): void;
}

export const defaultOidcJob = (repository: string): OidcJobContext => ({
  repository,
  ref: 'refs/heads/main',
  sha: fakeSha(`${repository}@main`),
  actor: 'octocat',
  eventName: 'push',
  runId: '1000000001',
  runNumber: '1',
  runAttempt: '1',
  workflow: 'rolemodel',
});

export const entryMatches = (entry: RequestLogEntry, filter: RequestFilter): boolean =>
  (filter.method === undefined || filter.method.toUpperCase() === entry.method) &&
  (filter.status === undefined || filter.status === entry.status) &&
  pathMatches(filter.path, entry.path);

export const createControl = (
  state: EmulatorState,
  initialRepos: readonly string[],
  defaultJob: OidcJobContext,
): GitHubEmulatorControl => {
  const issueOf = (owner: string, repo: string, n: number) =>
    findRepo(state.store, owner, repo)?.issues.get(n);
  const requestLog = (filter: RequestFilter = {}) => state.log.filter((e) => entryMatches(e, filter));
  const control: GitHubEmulatorControl = {
    addRepository: (fullName) => void ensureRepo(state.store, fullName),
    addPullRequest: (fullName, seed) => void addPull(state.store, fullName, seed),
    mergePullRequest: (fullName, pullNumber, merge) => {
      const pull = ensureRepo(state.store, fullName).issues.get(pullNumber)?.pull;
      if (!pull) throw new Error(`#${pullNumber} of ${fullName} is not a pull request`);
      const last = merge.commits[merge.commits.length - 1];
      if (last === undefined) throw new Error('A merge lands at least one commit');
      pull.merged = {
        method: merge.method ?? 'merge',
        mergeCommitSha: last,
        commits: [...merge.commits],
        mergedAt: timestamp(),
      };
    },
    submitReview: (fullName, pullNumber, review) => {
      const pull = ensureRepo(state.store, fullName).issues.get(pullNumber)?.pull;
      if (!pull) throw new Error(`#${pullNumber} of ${fullName} is not a pull request`);
      const id = 80_000_000 + pull.reviews.length + pullNumber * 1000;
      pull.reviews.push({
        id,
        user: review.user,
        state: review.state,
        commitId: review.commitId ?? pull.headSha,
        submittedAt: timestamp(),
      });
      return id;
    },
    dismissReview: (fullName, pullNumber, reviewId) => {
      const review = ensureRepo(state.store, fullName)
        .issues.get(pullNumber)
        ?.pull?.reviews.find((r) => r.id === reviewId);
      if (!review) throw new Error(`No review ${reviewId} on #${pullNumber}`);
      review.state = 'DISMISSED';
    },
    addTeam: (org, slug, members) =>
      void state.store.teams.set(
        `${org}/${slug}`.toLowerCase(),
        new Set(members.map((m) => m.toLowerCase())),
      ),
    setTeamsReadable: (readable) => {
      state.store.teamsReadable = readable;
    },
    statuses: (fullName, sha) =>
      (ensureRepo(state.store, fullName).statuses.get(sha) ?? []).map((s) => ({
        context: s.context,
        state: s.state,
        description: s.description,
      })),
    seedCommit: (fullName, sha, files) =>
      void ensureRepo(state.store, fullName).commits.set(sha, new Map(Object.entries(files))),
    seedComments: (owner, repo, n, comments) => {
      const seeded = new Set(seedComments(state.store, `${owner}/${repo}`, n, comments).map((c) => c.id));
      return control.comments(owner, repo, n).filter((c) => seeded.has(c.id));
    },
    comments: (owner, repo, n) => {
      const repoRecord = findRepo(state.store, owner, repo);
      const issue = repoRecord?.issues.get(n);
      if (!repoRecord || !issue) return [];
      return issue.comments.map((c) => renderComment(state.apiUrl, repoRecord, issue, c));
    },
    pullRequest: (owner, repo, n) => {
      const repoRecord = findRepo(state.store, owner, repo);
      const issue = repoRecord?.issues.get(n);
      return repoRecord && issue?.pull ? renderPull(state.apiUrl, repoRecord, issue) : undefined;
    },
    labels: (owner, repo, n) => [...(issueOf(owner, repo, n)?.labels ?? [])],
    seedIssue: (fullName, seed) => {
      const repoRecord = ensureRepo(state.store, fullName);
      const author: GitHubUser =
        seed.user === undefined
          ? makeUser('octocat')
          : typeof seed.user === 'string'
            ? makeUser(seed.user)
            : makeUser(seed.user.login, seed.user.type ?? 'User');
      const number = nextIssueNumber(repoRecord);
      ensureIssue(repoRecord, number, {
        title: seed.title,
        body: seed.body ?? null,
        labels: seed.labels ?? [],
        state: seed.state ?? 'open',
        author,
      });
      return number;
    },
    issues: (owner, repo) => {
      const repoRecord = findRepo(state.store, owner, repo);
      if (!repoRecord) return [];
      return [...repoRecord.issues.values()]
        .filter((i) => i.pull === undefined)
        .sort((a, b) => a.number - b.number)
        .map((i) => renderIssue(state.apiUrl, repoRecord, i));
    },
    requestedReviewers: (owner, repo, n) => {
      const issue = issueOf(owner, repo, n);
      return { users: [...(issue?.reviewers ?? [])], teams: [...(issue?.teamReviewers ?? [])] };
    },
    requestLog,
    callCount: (filter) => requestLog(filter).length,
    failRequests: (rule = {}) => void state.failures.push(activate(rule)),
    clearFailures: () => void state.failures.splice(0),
    registerOidcJob: (job = {}) => {
      const requestToken = `oidc_${randomBytes(12).toString('hex')}`;
      state.oidcJobs.set(requestToken, { ...defaultJob, ...job });
      return { requestUrl: `${state.apiUrl}${OIDC_PREFIX}/idtoken?api-version=2.0`, requestToken };
    },
    oidcJwks: () => ({ keys: [state.signer.publicJwk] }),
    reset: () => {
      state.store = createStore();
      for (const r of initialRepos) ensureRepo(state.store, r);
      state.log.splice(0);
      state.failures.splice(0);
    },
  };
  return control;
};
