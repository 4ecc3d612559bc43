// GitHub REST shapes the emulator serves, plus the records it logs. Field names follow
// GitHub's JSON (snake_case) so tests can compare against real responses.

export interface GitHubUser {
  readonly login: string;
  readonly id: number;
  readonly node_id: string;
  readonly type: 'User' | 'Bot' | 'Organization';
  readonly site_admin: boolean;
  readonly url: string;
  readonly html_url: string;
}

export interface IssueComment {
  readonly id: number;
  readonly node_id: string;
  readonly url: string;
  readonly html_url: string;
  readonly issue_url: string;
  readonly body: string;
  readonly user: GitHubUser;
  readonly created_at: string;
  readonly updated_at: string;
  readonly author_association: string;
  readonly performed_via_github_app: null;
}

export interface Label {
  readonly id: number;
  readonly node_id: string;
  readonly url: string;
  readonly name: string;
  readonly color: string;
  readonly default: boolean;
  readonly description: string | null;
}

/** How a request authenticated: the write token, the read-only (fork PR) token, an OIDC job token, or not. */
export type Principal = 'write' | 'read-only' | 'oidc' | 'none' | 'bad';

export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** Epoch milliseconds when the request arrived. */
  readonly time: number;
  readonly principal: Principal;
  /** Parsed JSON request body, if any. */
  readonly body: unknown;
}

/** A switch that makes matching requests fail, e.g. a 403 from a token without permission. */
export interface FailureRule {
  readonly method?: string;
  readonly path?: string | RegExp;
  readonly status?: number;
  /** The error body's message; any text, hostile included. */
  readonly message?: string;
  /** Response headers, e.g. `retry-after` for a secondary rate limit. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Fail only this many matching requests, then stop; unlimited when absent. */
  readonly times?: number;
}

export interface PullRequestSeed {
  readonly number: number;
  readonly headSha?: string;
  readonly headRef?: string;
  /** owner/name of the head repository; differs from the base for fork PRs. */
  readonly headRepo?: string;
  readonly baseRef?: string;
  readonly baseSha?: string;
  readonly title?: string;
  readonly author?: string;
}

export interface IssueSeed {
  readonly title: string;
  readonly body?: string;
  readonly labels?: readonly string[];
  readonly state?: 'open' | 'closed';
  /** A login (a User) or a full user; defaults to `octocat`. */
  readonly user?: string | { readonly login: string; readonly type?: GitHubUser['type'] };
}

export interface CommentSeed {
  readonly body: string;
  /** A login (a User) or a full user; defaults to `octocat`. */
  readonly user?: string | { readonly login: string; readonly type?: GitHubUser['type'] };
  readonly createdAt?: string;
}

/** What the OIDC token's claims describe: the workflow job that asked for it. */
export interface OidcJobContext {
  readonly repository: string;
  readonly ref: string;
  readonly sha: string;
  readonly actor: string;
  readonly eventName: string;
  readonly runId: string;
  readonly runNumber: string;
  readonly runAttempt: string;
  readonly workflow: string;
  readonly headRef?: string;
  readonly baseRef?: string;
  readonly environment?: string;
}
