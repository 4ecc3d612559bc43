// Turns stored records into the JSON GitHub returns. URLs point at the emulator for API
// links and at github.com for html links, as a GitHub Enterprise-free setup would.
import type { IssueRecord, RepoRecord, StoredComment } from './store.ts';
import type { IssueComment, Label } from './types.ts';
import { makeUser } from './users.ts';

const HTML = 'https://github.com';

export const renderComment = (apiUrl: string, repo: RepoRecord, issue: IssueRecord, c: StoredComment) =>
  ({
    id: c.id,
    node_id: `IC_kwDO${Buffer.from(`${repo.id}:${c.id}`).toString('base64url')}`,
    url: `${apiUrl}/repos/${repo.fullName}/issues/comments/${c.id}`,
    html_url: `${HTML}/${repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}#issuecomment-${c.id}`,
    issue_url: `${apiUrl}/repos/${repo.fullName}/issues/${issue.number}`,
    body: c.body,
    user: c.user,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    performed_via_github_app: null,
  }) satisfies IssueComment;

export const renderLabel = (apiUrl: string, repo: RepoRecord, name: string, index: number): Label => ({
  id: 5_000_000 + repo.id * 100 + index,
  node_id: `LA_kwDO${Buffer.from(`${repo.id}:${name}`).toString('base64url')}`,
  url: `${apiUrl}/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
  name,
  color: 'ededed',
  default: false,
  description: null,
});

/** An issue as `GET /repos/o/r/issues/n` returns it; a pull request carries `pull_request` too. */
export const renderIssue = (apiUrl: string, repo: RepoRecord, issue: IssueRecord) => ({
  id: 800_000_000 + repo.id * 1000 + issue.number,
  node_id: `I_kwDO${Buffer.from(`${repo.id}:${issue.number}`).toString('base64url')}`,
  number: issue.number,
  title: issue.pull?.title ?? issue.title,
  body: issue.body,
  state: issue.state,
  state_reason: issue.stateReason,
  locked: false,
  labels: issue.labels.map((name, i) => renderLabel(apiUrl, repo, name, i)),
  user: issue.pull ? makeUser(issue.pull.author) : issue.author,
  comments: issue.comments.length,
  created_at: issue.createdAt,
  updated_at: issue.updatedAt,
  closed_at: issue.closedAt,
  author_association: issue.author.type === 'Bot' ? 'NONE' : 'MEMBER',
  url: `${apiUrl}/repos/${repo.fullName}/issues/${issue.number}`,
  html_url: `${HTML}/${repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`,
  comments_url: `${apiUrl}/repos/${repo.fullName}/issues/${issue.number}/comments`,
  ...(issue.pull
    ? {
        pull_request: {
          url: `${apiUrl}/repos/${repo.fullName}/pulls/${issue.number}`,
          html_url: `${HTML}/${repo.fullName}/pull/${issue.number}`,
        },
      }
    : {}),
});

const renderRepoRef = (apiUrl: string, fullName: string, baseFullName: string) => {
  const [owner = '', name = ''] = fullName.split('/');
  return {
    name,
    full_name: fullName,
    owner: makeUser(owner, 'Organization'),
    private: true,
    fork: fullName.toLowerCase() !== baseFullName.toLowerCase(),
    url: `${apiUrl}/repos/${fullName}`,
    html_url: `${HTML}/${fullName}`,
  };
};

export const renderRepo = (apiUrl: string, repo: RepoRecord) => ({
  id: repo.id,
  ...renderRepoRef(apiUrl, repo.fullName, repo.fullName),
  default_branch: 'main',
});

/** A minimal pull request: what an action reads (head/base sha and repos, state, author). */
export const renderPull = (apiUrl: string, repo: RepoRecord, issue: IssueRecord) => {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const headOwner = pull.headRepo.split('/')[0] ?? '';
  return {
    id: 700_000_000 + issue.number,
    number: issue.number,
    state: pull.merged ? 'closed' : 'open',
    draft: false,
    merged: pull.merged !== undefined,
    merged_at: pull.merged?.mergedAt ?? null,
    merge_commit_sha: pull.merged?.mergeCommitSha ?? null,
    title: pull.title,
    user: makeUser(pull.author),
    url: `${apiUrl}/repos/${repo.fullName}/pulls/${issue.number}`,
    html_url: `${HTML}/${repo.fullName}/pull/${issue.number}`,
    labels: issue.labels.map((name, i) => renderLabel(apiUrl, repo, name, i)),
    requested_reviewers: issue.reviewers.map((login) => makeUser(login)),
    requested_teams: issue.teamReviewers.map((slug) => ({ slug, name: slug })),
    head: {
      label: `${headOwner}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      repo: renderRepoRef(apiUrl, pull.headRepo, repo.fullName),
    },
    base: {
      label: `${repo.fullName.split('/')[0] ?? ''}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: pull.baseSha,
      repo: renderRepoRef(apiUrl, repo.fullName, repo.fullName),
    },
  };
};
