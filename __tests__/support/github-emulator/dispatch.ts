// One request end to end as data: auth, injected failures, then the route handler.
import { principalOf } from './auth.ts';
import { takeFailure } from './failures.ts';
import { handleOidc } from './oidc-route.ts';
import type { Reply } from './reply.ts';
import { errorReply, forbiddenForIntegration, notFound } from './reply.ts';
import { matchRoute } from './router.ts';
import { commentRoutes } from './routes-comments.ts';
import { commitRoutes } from './routes-commits.ts';
import { reviewRoutes } from './routes-reviews.ts';
import { contentRoutes } from './routes-contents.ts';
import { issueRoutes } from './routes-issues.ts';
import { pullRoutes } from './routes-pulls.ts';
import type { EmulatorState } from './state.ts';
import { OIDC_PREFIX } from './state.ts';
import type { Principal } from './types.ts';
import { actionsBot } from './users.ts';

const routes = [
  ...commentRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...commitRoutes,
  ...reviewRoutes,
  ...contentRoutes,
];

const MUTATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export interface IncomingCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  /** undefined when the body was not valid JSON. */
  readonly body: { readonly value: unknown } | undefined;
}

export interface Outcome {
  readonly reply: Reply;
  readonly principal: Principal;
}

const restCall = (state: EmulatorState, call: IncomingCall): Outcome => {
  const principal = principalOf(call.authorization, state.credentials);
  const reply = (r: Reply): Outcome => ({ reply: r, principal });
  if (principal === 'none') return reply(errorReply(401, 'Requires authentication'));
  if (principal === 'bad') return reply(errorReply(401, 'Bad credentials'));
  const match = matchRoute(routes, call.method, call.path);
  if (!match) return reply(notFound());
  if (principal === 'read-only' && MUTATING.has(call.method)) return reply(forbiddenForIntegration());
  const failure = takeFailure(state.failures, call.method, call.path);
  if (failure) return reply(failure);
  if (!call.body) return reply(errorReply(400, 'Problems parsing JSON'));
  return reply(
    match.route.handler({
      params: match.params,
      query: call.query,
      body: call.body.value,
      apiUrl: state.apiUrl,
      store: state.store,
      user: actionsBot,
    }),
  );
};

export const dispatch = (state: EmulatorState, call: IncomingCall): Outcome => {
  if (!call.path.startsWith(`${OIDC_PREFIX}/`)) return restCall(state, call);
  const failure = takeFailure(state.failures, call.method, call.path);
  if (failure) return { reply: failure, principal: 'oidc' };
  return handleOidc(state, call.method, call.path, call.query, call.authorization);
};
