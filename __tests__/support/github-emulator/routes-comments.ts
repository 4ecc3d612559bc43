// Issue comment endpoints (PR conversation comments are issue comments on GitHub).
import { linkHeader, pageRequest, slicePage } from './pagination.ts';
import { renderComment } from './render.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound, validationFailed } from './reply.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { asRecord, numberParam } from './route-types.ts';
import { addComment, findComment, findIssue, findRepo, removeComment, timestamp } from './store.ts';

/** GitHub's limit on comment bodies, counted in characters. */
export const MAX_COMMENT_BODY = 65_536;

/** The 422s GitHub sends for a missing or oversized body; undefined when the body is fine. */
export const checkCommentBody = (body: unknown): Reply | undefined => {
  const value = asRecord(body)['body'];
  if (typeof value !== 'string') return errorReply(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
  if ([...value].length > MAX_COMMENT_BODY)
    return validationFailed(
      'IssueComment',
      'data',
      'unprocessable',
      `Body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
    );
  return undefined;
};

const bodyText = (body: unknown): string => String(asRecord(body)['body'] ?? '');

const listComments = (req: RouteRequest): Reply => {
  const { owner = '', repo = '' } = req.params;
  const repoRecord = findRepo(req.store, owner, repo);
  const issue = repoRecord?.issues.get(numberParam(req, 'number'));
  if (!repoRecord || !issue) return notFound();
  const page = pageRequest(req.query);
  const items = slicePage(issue.comments, page).map((c) => renderComment(req.apiUrl, repoRecord, issue, c));
  const link = linkHeader(
    `${req.apiUrl}/repos/${owner}/${repo}/issues/${issue.number}/comments`,
    page,
    issue.comments.length,
  );
  return json(200, items, link ? { link } : undefined);
};

const createComment = (req: RouteRequest): Reply => {
  const { owner = '', repo = '' } = req.params;
  const repoRecord = findRepo(req.store, owner, repo);
  const issue = findIssue(req.store, owner, repo, numberParam(req, 'number'));
  if (!repoRecord || !issue) return notFound();
  const invalid = checkCommentBody(req.body);
  if (invalid) return invalid;
  const rendered = renderComment(
    req.apiUrl,
    repoRecord,
    issue,
    addComment(req.store, issue, bodyText(req.body), req.user),
  );
  return json(201, rendered, { location: rendered.url });
};

const getComment = (req: RouteRequest): Reply => {
  const loc = findComment(
    req.store,
    req.params['owner'] ?? '',
    req.params['repo'] ?? '',
    numberParam(req, 'id'),
  );
  return loc ? json(200, renderComment(req.apiUrl, loc.repo, loc.issue, loc.comment)) : notFound();
};

const updateComment = (req: RouteRequest): Reply => {
  const loc = findComment(
    req.store,
    req.params['owner'] ?? '',
    req.params['repo'] ?? '',
    numberParam(req, 'id'),
  );
  if (!loc) return notFound();
  const invalid = checkCommentBody(req.body);
  if (invalid) return invalid;
  loc.comment.body = bodyText(req.body);
  loc.comment.updatedAt = timestamp();
  return json(200, renderComment(req.apiUrl, loc.repo, loc.issue, loc.comment));
};

const deleteComment = (req: RouteRequest): Reply => {
  const loc = findComment(
    req.store,
    req.params['owner'] ?? '',
    req.params['repo'] ?? '',
    numberParam(req, 'id'),
  );
  if (!loc) return notFound();
  removeComment(loc);
  return { status: 204 };
};

export const commentRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo/issues/:number/comments', handler: listComments },
  { method: 'POST', template: '/repos/:owner/:repo/issues/:number/comments', handler: createComment },
  { method: 'GET', template: '/repos/:owner/:repo/issues/comments/:id', handler: getComment },
  { method: 'PATCH', template: '/repos/:owner/:repo/issues/comments/:id', handler: updateComment },
  { method: 'DELETE', template: '/repos/:owner/:repo/issues/comments/:id', handler: deleteComment },
];
