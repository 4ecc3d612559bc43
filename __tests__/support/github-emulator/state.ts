// Everything one emulator instance holds; the server and the control API share it.
import type { Credentials } from './auth.ts';
import type { ActiveFailure } from './failures.ts';
import type { OidcSigner } from './oidc.ts';
import type { Store } from './store.ts';
import type { OidcJobContext, RequestLogEntry } from './types.ts';

export interface EmulatorState {
  apiUrl: string;
  store: Store;
  readonly credentials: Credentials;
  readonly failures: ActiveFailure[];
  /** OIDC request token -> the job it stands for. */
  readonly oidcJobs: Map<string, OidcJobContext>;
  readonly signer: OidcSigner;
  readonly log: RequestLogEntry[];
}

/** Where the OIDC endpoints live on the emulator (the runner's URL is on another host in reality). */
export const OIDC_PREFIX = '/_services/oidc';
