// Issue endpoints: list (by state and labels, paginated, pull requests included as GitHub
// does), create, get and update (body, title, labels, state and its reason).
import { linkHeader, pageRequest, slicePage } from './pagination.ts';
import { renderIssue } from './render.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound, validationFailed } from './reply.ts';
import { MAX_COMMENT_BODY } from './routes-comments.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { asRecord, numberParam } from './route-types.ts';
import type { IssueRecord } from './store.ts';
import { ensureIssue, findRepo, nextIssueNumber, timestamp } from './store.ts';

const STATES = new Set(['open', 'closed', 'all']);
const STATE_REASONS = new Set(['completed', 'not_planned', 'reopened']);

const repoOf = (req: RouteRequest) =>
  findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');

/** The 422 GitHub sends for a body over its limit (the same limit as a comment's). */
const bodyTooLong = (body: unknown): Reply | undefined =>
  typeof body === 'string' && [...body].length > MAX_COMMENT_BODY
    ? validationFailed(
        'Issue',
        'body',
        'custom',
        `body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
      )
    : undefined;

const labelNames = (value: unknown): string[] | undefined => {
  if (!Array.isArray(value)) return undefined;
  // GitHub takes names, or objects with a name.
  const names = value.map((v) => (typeof v === 'string' ? v : asRecord(v)['name']));
  return names.every((n): n is string => typeof n === 'string') ? names : undefined;
};

const listIssues = (req: RouteRequest): Reply => {
  const repo = repoOf(req);
  if (!repo) return notFound();
  const state = req.query['state'] ?? 'open';
  if (!STATES.has(state)) return validationFailed('Issue', 'state', 'invalid', `state ${state} is not valid`);
  const wanted = (req.query['labels'] ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  const matching = [...repo.issues.values()]
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
    // GitHub's default order: newest first.
    .sort((a, b) => b.number - a.number);
  const page = pageRequest(req.query);
  // The filters go on in every page's link; linkHeader sets the page.
  const url = new URL(`${req.apiUrl}/repos/${repo.fullName}/issues`);
  for (const [key, value] of Object.entries(req.query))
    if (key !== 'page' && key !== 'per_page') url.searchParams.set(key, value);
  const link = linkHeader(url.toString(), page, matching.length);
  return json(
    200,
    slicePage(matching, page).map((i) => renderIssue(req.apiUrl, repo, i)),
    link ? { link } : undefined,
  );
};

const createIssue = (req: RouteRequest): Reply => {
  const repo = repoOf(req);
  if (!repo) return notFound();
  const body = asRecord(req.body);
  const title = body['title'];
  if (typeof title !== 'string' || title.trim() === '')
    return validationFailed('Issue', 'title', 'missing_field', 'title is missing');
  const text = body['body'];
  if (text !== undefined && text !== null && typeof text !== 'string')
    return errorReply(422, "Invalid request.\n\nFor 'properties/body', it is not a string or null.");
  const tooLong = bodyTooLong(text);
  if (tooLong) return tooLong;
  const labels = body['labels'] === undefined ? [] : labelNames(body['labels']);
  if (labels === undefined) return errorReply(422, 'Invalid request.\n\n"labels" must be a list of names.');
  const issue = ensureIssue(repo, nextIssueNumber(repo), {
    title,
    body: typeof text === 'string' ? text : null,
    labels,
    author: req.user,
  });
  const rendered = renderIssue(req.apiUrl, repo, issue);
  return json(201, rendered, { location: rendered.url });
};

const found = (
  req: RouteRequest,
): { repo: NonNullable<ReturnType<typeof repoOf>>; issue: IssueRecord } | undefined => {
  const repo = repoOf(req);
  const issue = repo?.issues.get(numberParam(req, 'number'));
  return repo && issue ? { repo, issue } : undefined;
};

const getIssue = (req: RouteRequest): Reply => {
  const at = found(req);
  return at ? json(200, renderIssue(req.apiUrl, at.repo, at.issue)) : notFound();
};

const updateIssue = (req: RouteRequest): Reply => {
  const at = found(req);
  if (!at) return notFound();
  const body = asRecord(req.body);
  const { issue } = at;
  const tooLong = bodyTooLong(body['body']);
  if (tooLong) return tooLong;
  const state = body['state'];
  if (state !== undefined && state !== 'open' && state !== 'closed')
    return validationFailed('Issue', 'state', 'invalid', `state ${String(state)} is not valid`);
  const reason = body['state_reason'];
  if (reason !== undefined && reason !== null && !STATE_REASONS.has(String(reason)))
    return validationFailed(
      'Issue',
      'state_reason',
      'invalid',
      `state_reason ${String(reason)} is not valid`,
    );
  const labels = body['labels'] === undefined ? undefined : labelNames(body['labels']);
  if (body['labels'] !== undefined && labels === undefined)
    return errorReply(422, 'Invalid request.\n\n"labels" must be a list of names.');
  const now = timestamp();
  if (typeof body['title'] === 'string') issue.title = body['title'];
  if (typeof body['body'] === 'string' || body['body'] === null) issue.body = body['body'];
  if (labels !== undefined) issue.labels = labels;
  if (state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.closedAt = now;
    issue.stateReason = reason === 'not_planned' ? 'not_planned' : 'completed';
  } else if (state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.closedAt = null;
    issue.stateReason = 'reopened';
  }
  issue.updatedAt = now;
  return json(200, renderIssue(req.apiUrl, at.repo, issue));
};

export const issueRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo/issues', handler: listIssues },
  { method: 'POST', template: '/repos/:owner/:repo/issues', handler: createIssue },
  { method: 'GET', template: '/repos/:owner/:repo/issues/:number', handler: getIssue },
  { method: 'PATCH', template: '/repos/:owner/:repo/issues/:number', handler: updateIssue },
];
