// Reviews of a pull request, and an organisation's team memberships: what an approval rule
// reads. Team endpoints answer the job's token as GitHub answers GITHUB_TOKEN (403) unless the
// test says the token may read teams (a GitHub App's).
import { makeUser } from './users.ts';
import type { Reply } from './reply.ts';
import { errorReply, json, notFound } from './reply.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { numberParam } from './route-types.ts';
import { findRepo } from './store.ts';

const listReviews = (req: RouteRequest): Reply => {
  const repo = findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');
  const pull = repo?.issues.get(numberParam(req, 'number'))?.pull;
  if (!repo || !pull) return notFound();
  return json(
    200,
    pull.reviews.map((r) => ({
      id: r.id,
      user: makeUser(r.user),
      state: r.state,
      commit_id: r.commitId,
      submitted_at: r.submittedAt,
      body: '',
      html_url: `https://github.com/${repo.fullName}/pull/${numberParam(req, 'number')}#pullrequestreview-${r.id}`,
    })),
  );
};

const teamMembership = (req: RouteRequest): Reply => {
  if (!req.store.teamsReadable) return errorReply(403, 'Resource not accessible by integration');
  const team = req.store.teams.get(`${req.params['org'] ?? ''}/${req.params['slug'] ?? ''}`.toLowerCase());
  const user = (req.params['username'] ?? '').toLowerCase();
  if (!team || !team.has(user)) return notFound();
  return json(200, {
    state: 'active',
    role: 'member',
    url: `${req.apiUrl}/orgs/${req.params['org'] ?? ''}/teams/${req.params['slug'] ?? ''}/memberships/${user}`,
  });
};

export const reviewRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo/pulls/:number/reviews', handler: listReviews },
  { method: 'GET', template: '/orgs/:org/teams/:slug/memberships/:username', handler: teamMembership },
];
