// What a route handler sees and returns; handlers are plain functions of this data.
import type { Reply } from './reply.ts';
import type { Store } from './store.ts';
import type { GitHubUser } from './types.ts';

export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The emulator's base URL, for links in responses. */
  readonly apiUrl: string;
  readonly store: Store;
  /** The identity behind the token (the Actions bot). */
  readonly user: GitHubUser;
}

export type Handler = (req: RouteRequest) => Reply;

export interface Route {
  readonly method: string;
  readonly template: string;
  readonly handler: Handler;
}

export const asRecord = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

export const numberParam = (req: RouteRequest, name: string): number => Number(req.params[name] ?? NaN);
