// The repository contents API at a commit, as the action reads the base branch's files.
import { json, notFound, errorReply } from './reply.ts';
import type { Reply } from './reply.ts';
import type { Route, RouteRequest } from './route-types.ts';
import { findRepo } from './store.ts';

const commitOf = (req: RouteRequest, ref: string | undefined) => {
  const repo = findRepo(req.store, req.params['owner'] ?? '', req.params['repo'] ?? '');
  return repo && ref ? repo.commits.get(ref) : undefined;
};

const getContent = (req: RouteRequest): Reply => {
  const files = commitOf(req, req.query['ref']);
  const path = req.params['path'] ?? '';
  const content = files?.get(path);
  if (content === undefined) return notFound();
  const name = path.split('/').pop() ?? path;
  return json(200, {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(content),
    name,
    path,
    content: Buffer.from(content)
      .toString('base64')
      .replace(/(.{60})/g, '$1\n'),
    sha: Buffer.from(`${req.query['ref'] ?? ''}:${path}`)
      .toString('hex')
      .slice(0, 40),
  });
};

const getCommit = (req: RouteRequest): Reply => {
  const ref = req.params['ref'] ?? '';
  if (!commitOf(req, ref)) return errorReply(422, `No commit found for SHA: ${ref}`);
  return json(200, { sha: ref, commit: { message: 'seeded' } });
};

export const contentRoutes: readonly Route[] = [
  { method: 'GET', template: '/repos/:owner/:repo/contents/*path', handler: getContent },
  { method: 'GET', template: '/repos/:owner/:repo/commits/:ref', handler: getCommit },
];
