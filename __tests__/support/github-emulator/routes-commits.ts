// What a commit is associated with: the pull requests that contain it or merged it, and the
// statuses set on it (the checks a required-status rule reads).
import { renderPull } from './render.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound } from './reply.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { asRecord } from './route-types.ts';
import type { RepoRecord, StatusRecord } from './store.ts';
import { findRepo, timestamp } from './store.ts';

const repoOf = (req: RouteRequest): RepoRecord | undefined =>
  findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');

/** `GET /repos/o/r/commits/:sha/pulls`: merged pull requests whose commits landed as `sha`, and open ones headed there. */
const pullsOfCommit = (req: RouteRequest): Reply => {
  const repo = repoOf(req);
  if (!repo) return notFound();
  const sha = req.params['ref'] ?? '';
  const pulls = [...repo.issues.values()].filter(
    (issue) =>
      issue.pull !== undefined &&
      (issue.pull.merged?.commits.includes(sha) === true ||
        issue.pull.merged?.mergeCommitSha === sha ||
        issue.pull.headSha === sha),
  );
  return json(
    200,
    pulls.map((issue) => renderPull(req.apiUrl, repo, issue)),
  );
};

const STATES = new Set(['error', 'failure', 'pending', 'success']);

const renderStatus = (req: RouteRequest, s: StatusRecord) => ({
  id: s.id,
  context: s.context,
  state: s.state,
  description: s.description,
  target_url: s.targetUrl,
  created_at: s.createdAt,
  updated_at: s.createdAt,
  creator: req.user,
});

/** `POST /repos/o/r/statuses/:sha` */
const createStatus = (req: RouteRequest): Reply => {
  const repo = repoOf(req);
  if (!repo) return notFound();
  const body = asRecord(req.body);
  const state = body['state'];
  if (typeof state !== 'string' || !STATES.has(state))
    return errorReply(422, 'Validation Failed', {
      errors: [{ resource: 'Status', field: 'state', code: 'invalid' }],
    });
  const description = typeof body['description'] === 'string' ? body['description'] : null;
  if (description !== null && description.length > 140)
    return errorReply(422, 'Validation Failed', {
      errors: [
        {
          resource: 'Status',
          field: 'description',
          code: 'custom',
          message: 'description is too long (maximum is 140 characters)',
        },
      ],
    });
  const sha = req.params['sha'] ?? '';
  const list = repo.statuses.get(sha) ?? [];
  const record: StatusRecord = {
    id: 9_000_000 + list.length + repo.statuses.size * 1000,
    context: typeof body['context'] === 'string' ? body['context'] : 'default',
    state,
    description,
    targetUrl: typeof body['target_url'] === 'string' ? body['target_url'] : null,
    createdAt: timestamp(),
  };
  repo.statuses.set(sha, [...list, record]);
  return json(201, renderStatus(req, record));
};

/** `GET /repos/o/r/commits/:ref/statuses`: newest first, as GitHub lists them. */
const listStatuses = (req: RouteRequest): Reply => {
  const repo = repoOf(req);
  if (!repo) return notFound();
  return json(
    200,
    [...(repo.statuses.get(req.params['ref'] ?? '') ?? [])].reverse().map((s) => renderStatus(req, s)),
  );
};

export const commitRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo/commits/:ref/pulls', handler: pullsOfCommit },
  { method: 'GET', template: '/repos/:owner/:repo/commits/:ref/statuses', handler: listStatuses },
  { method: 'POST', template: '/repos/:owner/:repo/statuses/:sha', handler: createStatus },
];
