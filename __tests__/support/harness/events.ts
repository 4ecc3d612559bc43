// Event payload builders shaped like GitHub's webhook payloads, with the run context
// (ref, sha, head/base refs) a runner derives from each event.
import { fakeSha } from '../github-emulator/sha.ts';

export interface PullRequestInfo {
  readonly number: number;
  readonly headSha: string;
  readonly headRef: string;
  readonly headRepo: string;
  readonly baseRef: string;
  readonly baseSha: string;
  readonly title: string;
  readonly author: string;
}

export interface RunnerEvent {
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** owner/name the workflow runs in (the base repository for PRs). */
  readonly repository: string;
  /** GITHUB_REF and GITHUB_SHA. */
  readonly ref: string;
  readonly sha: string;
  readonly actor: string;
  readonly headRef?: string;
  readonly baseRef?: string;
  /** A PR from a fork: read-only token, no OIDC. */
  readonly fork: boolean;
  readonly pullRequest?: PullRequestInfo;
}

export const DEFAULT_REPOSITORY = 'octo-org/infra';

const user = (login: string) => ({ login, id: 583231, type: 'User' });

export const repositoryPayload = (fullName: string, fork = false) => {
  const [owner = '', name = ''] = fullName.split('/');
  return {
    id: 100_001,
    name,
    full_name: fullName,
    private: true,
    fork,
    owner: { login: owner, type: 'Organization' },
    html_url: `https://github.com/${fullName}`,
    clone_url: `https://github.com/${fullName}.git`,
    default_branch: 'main',
  };
};

export interface PullRequestEventOptions {
  readonly repository?: string;
  readonly number?: number;
  readonly action?: string;
  readonly headSha?: string;
  readonly headRef?: string;
  readonly baseRef?: string;
  readonly baseSha?: string;
  /** Defaults to the base repository, or `fork-user/<name>` when `fork` is set. */
  readonly headRepo?: string;
  readonly fork?: boolean;
  /** GITHUB_SHA of a PR run: the test merge commit, not the head. */
  readonly mergeSha?: string;
  readonly actor?: string;
  readonly title?: string;
}

export const pullRequestEvent = (o: PullRequestEventOptions = {}): RunnerEvent => {
  const repository = o.repository ?? DEFAULT_REPOSITORY;
  const n = o.number ?? 1;
  const headRepo = o.headRepo ?? (o.fork ? `fork-user/${repository.split('/')[1] ?? ''}` : repository);
  const fork = o.fork ?? headRepo.toLowerCase() !== repository.toLowerCase();
  const actor = o.actor ?? 'octocat';
  const pr: PullRequestInfo = {
    number: n,
    headSha: o.headSha ?? fakeSha(`head-${repository}-${n}`),
    headRef: o.headRef ?? `feature-${n}`,
    headRepo,
    baseRef: o.baseRef ?? 'main',
    baseSha: o.baseSha ?? fakeSha(`base-${repository}-${n}`),
    title: o.title ?? `Pull request #${n}`,
    author: actor,
  };
  const pullRequest = {
    number: n,
    title: pr.title,
    state: 'open',
    draft: false,
    merged: false,
    user: user(actor),
    html_url: `https://github.com/${repository}/pull/${n}`,
    head: { ref: pr.headRef, sha: pr.headSha, repo: repositoryPayload(headRepo, fork) },
    base: { ref: pr.baseRef, sha: pr.baseSha, repo: repositoryPayload(repository) },
  };
  return {
    name: 'pull_request',
    payload: {
      action: o.action ?? 'opened',
      number: n,
      pull_request: pullRequest,
      repository: repositoryPayload(repository),
      sender: user(actor),
    },
    repository,
    ref: `refs/pull/${n}/merge`,
    sha: o.mergeSha ?? fakeSha(`merge-${repository}-${n}`),
    actor,
    headRef: pr.headRef,
    baseRef: pr.baseRef,
    fork,
    pullRequest: pr,
  };
};

export interface PushEventOptions {
  readonly repository?: string;
  readonly ref?: string;
  readonly after?: string;
  readonly before?: string;
  readonly actor?: string;
}

export const pushEvent = (o: PushEventOptions = {}): RunnerEvent => {
  const repository = o.repository ?? DEFAULT_REPOSITORY;
  const ref = o.ref ?? 'refs/heads/main';
  const after = o.after ?? fakeSha(`push-${repository}-${ref}`);
  const actor = o.actor ?? 'octocat';
  return {
    name: 'push',
    payload: {
      ref,
      before: o.before ?? fakeSha(`before-${after}`),
      after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      head_commit: { id: after, message: 'Merge pull request', timestamp: '2025-01-06T09:00:00Z' },
      commits: [],
      pusher: { name: actor },
      repository: repositoryPayload(repository),
      sender: user(actor),
    },
    repository,
    ref,
    sha: after,
    actor,
    fork: false,
  };
};

export interface WorkflowDispatchEventOptions {
  readonly repository?: string;
  readonly ref?: string;
  readonly sha?: string;
  readonly inputs?: Readonly<Record<string, string | number | boolean>>;
  readonly actor?: string;
}

export const workflowDispatchEvent = (o: WorkflowDispatchEventOptions = {}): RunnerEvent => {
  const repository = o.repository ?? DEFAULT_REPOSITORY;
  const ref = o.ref ?? 'refs/heads/main';
  const actor = o.actor ?? 'octocat';
  return {
    name: 'workflow_dispatch',
    payload: {
      inputs: o.inputs ?? {},
      ref,
      repository: repositoryPayload(repository),
      sender: user(actor),
      workflow: '.github/workflows/rolemodel.yml',
    },
    repository,
    ref,
    sha: o.sha ?? fakeSha(`dispatch-${repository}-${ref}`),
    actor,
    fork: false,
  };
};

export interface ScheduleEventOptions {
  readonly repository?: string;
  readonly cron?: string;
  readonly ref?: string;
  readonly sha?: string;
}

/** Scheduled runs carry only the cron in their payload; the repo comes from GITHUB_REPOSITORY. */
export const scheduleEvent = (o: ScheduleEventOptions = {}): RunnerEvent => {
  const repository = o.repository ?? DEFAULT_REPOSITORY;
  const ref = o.ref ?? 'refs/heads/main';
  return {
    name: 'schedule',
    payload: { schedule: o.cron ?? '0 6 * * 1' },
    repository,
    ref,
    sha: o.sha ?? fakeSha(`schedule-${repository}-${ref}`),
    actor: 'octocat',
    fork: false,
  };
};
