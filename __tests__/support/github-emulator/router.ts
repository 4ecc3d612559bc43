// Matches a method and path against route templates like `/repos/:owner/:repo/pulls/:number`.
import type { Route } from './route-types.ts';

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

// `:number` and `:id` only match digits so that `/issues/comments` is not read as issue "comments".
const NUMERIC = new Set(['number', 'id']);

const matchTemplate = (template: string, path: string): Record<string, string> | undefined => {
  const want = template.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  // A last `*name` part takes the rest of the path (file paths have slashes).
  const rest = want[want.length - 1]?.startsWith('*') ? want.length - 1 : -1;
  if (rest >= 0) {
    if (got.length <= rest) return undefined;
    const head = matchTemplate(want.slice(0, rest).join('/'), got.slice(0, rest).join('/'));
    if (!head) return undefined;
    return { ...head, [want[rest]?.slice(1) ?? 'rest']: got.slice(rest).map(decodeURIComponent).join('/') };
  }
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? '';
    if (!part.startsWith(':')) {
      if (part !== actual) return undefined;
      continue;
    }
    const name = part.slice(1);
    if (!actual || (NUMERIC.has(name) && !/^\d+$/.test(actual))) return undefined;
    params[name] = decodeURIComponent(actual);
  }
  return params;
};

export const matchRoute = (
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, path);
    if (params) return { route, params };
  }
  return undefined;
};
