// What every command receives besides the run's facts: a log for progress, the run's one
// GitHub client, and the hooks the AWS credentials need from GitHub. Commands return a
// report; they never write outputs, summaries or comments themselves.
import type { CredentialHooks } from '../aws/credentials.ts';
import type { GitHubClient } from '../github/client.ts';

/** Progress lines for the job log. Text from files, AWS or GitHub may be passed as it is. */
export interface Log {
  info(line: string): void;
  /** A warning annotation without a file. */
  warning(text: string): void;
  /** Shown only when the run is debugged (ACTIONS_STEP_DEBUG). */
  debug(text: string): void;
  /** Lines printed together, folded under a title. */
  fold(title: string, lines: readonly string[]): void;
  /** Runs `work` with its log lines folded under a title. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
}

export interface Services {
  readonly log: Log;
  /** Undefined when the run has no token or repository (a local run). */
  readonly github: GitHubClient | undefined;
  readonly credentials: CredentialHooks;
}
