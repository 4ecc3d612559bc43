// Every fact of a run, read once: the event and its payload, the repository, the commit,
// the run, whether an OIDC token can be requested, the inputs. This module is the only one
// that reads the environment (besides the AWS SDK, which reads its own standard variables).
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defaultBranchOf,
  dispatchInputsOf,
  pullRequestOf,
  record,
  workflowRunFromFork,
} from './github/event-payload.ts';
import type { PullRequestInfo } from './github/event-payload.ts';
import { waitTimingOf } from './aws/wait-timing.ts';
import type { WaitTiming } from './aws/wait-timing.ts';
import type { Inputs, InputsResult } from './inputs.ts';
import { readInputs } from './inputs.ts';

export interface RepositoryRef {
  readonly owner: string;
  readonly repo: string;
}

export interface RunFacts {
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly repository: RepositoryRef | undefined;
  /** From the payload; undefined when the event does not say (a scheduled run). */
  readonly defaultBranch: string | undefined;
  /** GITHUB_REF and GITHUB_SHA. */
  readonly ref: string | undefined;
  readonly sha: string | undefined;
  readonly actor: string | undefined;
  readonly runId: string | undefined;
  /** Link to the workflow run. */
  readonly runUrl: string | undefined;
  /** GitHub gave the job an OIDC token request URL (`permissions: id-token: write`). */
  readonly idTokenAvailable: boolean;
  /** The inputs of a workflow_dispatch event. */
  readonly dispatchInputs: Readonly<Record<string, unknown>> | undefined;
  readonly pullRequest: PullRequestInfo | undefined;
  /** The checked-out files may come from another repository: a fork's pull request. */
  readonly foreignHead: boolean;
  /** The checkout. */
  readonly workspace: string;
  /** Where the file outputs go (under RUNNER_TEMP). */
  readonly outputDir: string;
  /** The runner gave the step a job summary file (GITHUB_STEP_SUMMARY); a local run may not. */
  readonly jobSummary: boolean;
  /** AWS_REGION, else AWS_DEFAULT_REGION. */
  readonly environmentRegion: string | undefined;
  readonly timing: WaitTiming;
  /**
   * The run's "now", read once: time-boxed grants that have ended by then grant nothing, and
   * a pull request's new grants are measured from it. ROLEMODEL_NOW (an ISO 8601 time) sets
   * it, for tests and for replaying a run as of a given time.
   */
  readonly now: Date;
  /** ROLEMODEL_NOW is set but is not a time: the run stops with this. */
  readonly nowProblem: string | undefined;
}

export interface RunContext extends RunFacts {
  readonly inputs: Inputs;
}

type Environment = Readonly<Record<string, string | undefined>>;

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

const readPayload = (path: string | undefined): Readonly<Record<string, unknown>> => {
  if (!path) return {};
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return {};
  }
};

const repositoryOf = (fullName: string | undefined): RepositoryRef | undefined => {
  const [owner, repo, ...rest] = (fullName ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
};

/** Polling and waiting bounds; ROLEMODEL_POLL_DELAY_MS and ROLEMODEL_MAX_WAIT_SECONDS tune them. */
const timingOf = (env: Environment): WaitTiming => {
  const runPart = `${env['GITHUB_RUN_ID'] ?? 'local'}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`;
  return waitTimingOf(env, (kind) =>
    `rolemodel-${kind}-${runPart}-${Date.now().toString(36)}`.replace(/[^A-Za-z0-9-]/g, '-'),
  );
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The run's time: ROLEMODEL_NOW when set (tests, replays), else the clock. */
const clockOf = (env: Environment): { now: Date; nowProblem: string | undefined } => {
  const written = nonEmpty(env['ROLEMODEL_NOW']);
  if (written === undefined) return { now: new Date(), nowProblem: undefined };
  const ms = ISO_TIME.test(written) ? Date.parse(written) : Number.NaN;
  return Number.isNaN(ms)
    ? {
        now: new Date(),
        nowProblem: `ROLEMODEL_NOW is "${written}", which is not a time: write an ISO 8601 time with a zone, e.g. 2026-12-03T18:00:00Z, or unset it.`,
      }
    : { now: new Date(ms), nowProblem: undefined };
};

export const readRunFacts = (env: Environment = process.env): RunFacts => {
  const payload = readPayload(env['GITHUB_EVENT_PATH']);
  const pullRequest = pullRequestOf(payload);
  const server = nonEmpty(env['GITHUB_SERVER_URL']);
  const fullName = nonEmpty(env['GITHUB_REPOSITORY']);
  const runId = nonEmpty(env['GITHUB_RUN_ID']);
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    payload,
    repository: repositoryOf(fullName),
    defaultBranch: defaultBranchOf(payload),
    ref: nonEmpty(env['GITHUB_REF']),
    sha: nonEmpty(env['GITHUB_SHA']),
    actor: nonEmpty(env['GITHUB_ACTOR']),
    runId,
    runUrl: server && fullName && runId ? `${server}/${fullName}/actions/runs/${runId}` : undefined,
    idTokenAvailable: Boolean(env['ACTIONS_ID_TOKEN_REQUEST_URL'] && env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']),
    dispatchInputs: dispatchInputsOf(payload),
    pullRequest,
    foreignHead: (pullRequest?.fromFork ?? false) || workflowRunFromFork(payload),
    workspace: nonEmpty(env['GITHUB_WORKSPACE']) ?? process.cwd(),
    outputDir: join(nonEmpty(env['RUNNER_TEMP']) ?? tmpdir(), `rolemodel-${runId ?? process.pid}`),
    jobSummary: nonEmpty(env['GITHUB_STEP_SUMMARY']) !== undefined,
    environmentRegion: nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']),
    timing: timingOf(env),
    ...clockOf(env),
  };
};

/** The run's inputs, through the toolkit (which reads `INPUT_<NAME>`). */
export const readRunInputs = (): InputsResult => readInputs((name) => core.getInput(name));
