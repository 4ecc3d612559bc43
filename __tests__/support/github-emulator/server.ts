// Starts the emulator: a Node http server on 127.0.0.1 (free port) plus its control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubEmulatorControl } from './control.ts';
import { createControl, defaultOidcJob } from './control.ts';
import { dispatch } from './dispatch.ts';
import { parseJson, queryOf, readBody, sendReply } from './http.ts';
import { createSigner } from './oidc.ts';
import type { EmulatorState } from './state.ts';
import { createStore, ensureRepo } from './store.ts';
import type { OidcJobContext } from './types.ts';

export interface GitHubEmulatorOptions {
  /** The job's GITHUB_TOKEN (write access); random when absent. */
  readonly token?: string;
  /** A token that may read but not write, like GITHUB_TOKEN on a fork PR; random when absent. */
  readonly readOnlyToken?: string;
  /** Repositories that exist from the start (others appear when seeded or declared). */
  readonly repositories?: readonly string[];
  /** Claims for the default OIDC job (`oidcUrl` / `oidcRequestToken`). */
  readonly oidcJob?: Partial<OidcJobContext>;
}

export interface GitHubEmulator extends GitHubEmulatorControl {
  /** Base URL of the REST API (what GITHUB_API_URL holds). */
  readonly url: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL for the default OIDC job. */
  readonly oidcUrl: string;
  readonly token: string;
  readonly readOnlyToken: string;
  /** ACTIONS_ID_TOKEN_REQUEST_TOKEN for the default OIDC job. */
  readonly oidcRequestToken: string;
  close(): Promise<void>;
}

const randomToken = (prefix: string): string =>
  `${prefix}_${Array.from({ length: 36 }, () => Math.floor(Math.random() * 36).toString(36)).join('')}`;

const handle = async (state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const time = Date.now();
  const url = new URL(req.url ?? '/', state.apiUrl);
  const method = (req.method ?? 'GET').toUpperCase();
  const parsed = parseJson(await readBody(req));
  const call = {
    method,
    path: url.pathname,
    query: queryOf(url),
    authorization: req.headers.authorization,
    body: parsed.ok ? { value: parsed.value } : undefined,
  };
  const { reply, principal } = dispatch(state, call);
  state.log.push({
    seq: state.log.length + 1,
    method,
    path: call.path,
    query: call.query,
    status: reply.status,
    time,
    principal,
    body: parsed.ok ? parsed.value : undefined,
  });
  sendReply(res, reply);
};

const listen = (server: ReturnType<typeof createServer>): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export const startGitHubEmulator = async (options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> => {
  const repositories = options.repositories ?? [];
  const state: EmulatorState = {
    apiUrl: '',
    store: createStore(),
    credentials: {
      writeToken: options.token ?? randomToken('ghs'),
      readOnlyToken: options.readOnlyToken ?? randomToken('ghs'),
    },
    failures: [],
    oidcJobs: new Map(),
    signer: createSigner(),
    log: [],
  };
  for (const r of repositories) ensureRepo(state.store, r);
  const server = createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: String(err) }));
    });
  });
  state.apiUrl = `http://127.0.0.1:${await listen(server)}`;
  const defaultJob = { ...defaultOidcJob(repositories[0] ?? 'octo-org/infra'), ...options.oidcJob };
  const control = createControl(state, repositories, defaultJob);
  const oidc = control.registerOidcJob();
  return {
    ...control,
    url: state.apiUrl,
    oidcUrl: oidc.requestUrl,
    oidcRequestToken: oidc.requestToken,
    token: state.credentials.writeToken,
    readOnlyToken: state.credentials.readOnlyToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets from fetch clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
};
