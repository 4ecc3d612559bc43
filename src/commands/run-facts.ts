// Facts of the run that several commands share: credentials settings, timing, links.
import type { CredentialSettings } from '../aws/credentials.ts';
import type { Repository } from '../core/load-repository.ts';
import type { RunContext } from './context.ts';

export const credentialSettings = (
  context: RunContext,
  repository: Repository,
  region: string,
): CredentialSettings => ({
  source: context.inputs.credentials,
  region,
  masterRoleArn: repository.config.masterRoleArn,
  runId: process.env['GITHUB_RUN_ID'],
  actor: process.env['GITHUB_ACTOR'],
  repository: process.env['GITHUB_REPOSITORY'],
});

export interface RunTiming {
  readonly pollDelayMs: number;
  /** Waiters back off up to this; 15 polls' worth, at most 30 s as on AWS. */
  readonly maxPollDelayMs: number;
  readonly planWaitSeconds: number;
  readonly applyWaitSeconds: number;
  changeSetName(kind: 'plan' | 'apply'): string;
}

const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * Polling and waiting bounds. ROLEMODEL_POLL_DELAY_MS and ROLEMODEL_MAX_WAIT_SECONDS tune
 * them (the local emulator answers in milliseconds where AWS takes seconds).
 */
export const runTiming = (): RunTiming => {
  const pollDelayMs = numberFromEnv('ROLEMODEL_POLL_DELAY_MS', 2000);
  return {
    pollDelayMs,
    maxPollDelayMs: Math.min(30_000, pollDelayMs * 15),
    planWaitSeconds: numberFromEnv('ROLEMODEL_MAX_WAIT_SECONDS', 300),
    applyWaitSeconds: numberFromEnv('ROLEMODEL_MAX_WAIT_SECONDS', 1800),
    changeSetName: (kind) =>
      `rolemodel-${kind}-${process.env['GITHUB_RUN_ID'] ?? 'local'}-${process.env['GITHUB_RUN_ATTEMPT'] ?? '1'}-${Date.now().toString(36)}`.replace(
        /[^A-Za-z0-9-]/g,
        '-',
      ),
  };
};

export const runUrl = (): string | undefined => {
  const server = process.env['GITHUB_SERVER_URL'];
  const repo = process.env['GITHUB_REPOSITORY'];
  const run = process.env['GITHUB_RUN_ID'];
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
};
