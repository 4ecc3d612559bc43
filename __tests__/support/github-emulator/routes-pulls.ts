// Pull request, label and reviewer endpoints; labels and reviewers are recorded on the issue.
import { renderLabel, renderPull, renderRepo } from './render.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound, validationFailed } from './reply.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { asRecord, numberParam } from './route-types.ts';
import { findRepo } from './store.ts';

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

const locate = (req: RouteRequest) => {
  const repo = findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');
  const issue = repo?.issues.get(numberParam(req, 'number'));
  return repo && issue ? { repo, issue } : undefined;
};

const getRepo = (req: RouteRequest): Reply => {
  const repo = findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');
  return repo ? json(200, renderRepo(req.apiUrl, repo)) : notFound();
};

const getPull = (req: RouteRequest): Reply => {
  const found = locate(req);
  if (!found?.issue.pull) return notFound();
  return json(200, renderPull(req.apiUrl, found.repo, found.issue));
};

const addLabels = (req: RouteRequest): Reply => {
  const found = locate(req);
  if (!found) return notFound();
  // GitHub accepts either {"labels": [...]} or a bare array of names.
  const names = stringList(asRecord(req.body)['labels']) ?? stringList(req.body);
  if (!names) return errorReply(422, 'Invalid request.\n\n"labels" wasn\'t supplied.');
  for (const name of names) if (!found.issue.labels.includes(name)) found.issue.labels.push(name);
  return json(
    200,
    found.issue.labels.map((name, i) => renderLabel(req.apiUrl, found.repo, name, i)),
  );
};

const requestReviewers = (req: RouteRequest): Reply => {
  const found = locate(req);
  const pull = found?.issue.pull;
  if (!found || !pull) return notFound();
  const body = asRecord(req.body);
  const reviewers = stringList(body['reviewers']) ?? [];
  const teams = stringList(body['team_reviewers']) ?? [];
  if (reviewers.some((r) => r.toLowerCase() === pull.author.toLowerCase()))
    return validationFailed(
      'PullRequest',
      'reviewers',
      'custom',
      'Review cannot be requested from pull request author.',
    );
  for (const r of reviewers) if (!found.issue.reviewers.includes(r)) found.issue.reviewers.push(r);
  for (const t of teams) if (!found.issue.teamReviewers.includes(t)) found.issue.teamReviewers.push(t);
  return json(201, renderPull(req.apiUrl, found.repo, found.issue));
};

export const pullRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo', handler: getRepo },
  { method: 'GET', template: '/repos/:owner/:repo/pulls/:number', handler: getPull },
  { method: 'POST', template: '/repos/:owner/:repo/issues/:number/labels', handler: addLabels },
  {
    method: 'POST',
    template: '/repos/:owner/:repo/pulls/:number/requested_reviewers',
    handler: requestReviewers,
  },
];
