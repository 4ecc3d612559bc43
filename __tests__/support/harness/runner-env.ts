// The environment a GitHub-hosted runner gives a node action's process, built from scratch
// so nothing from the developer's shell (AWS credentials, proxies, NODE_OPTIONS) leaks in.
import type { RunnerEvent } from './events.ts';

export interface RunFiles {
  readonly eventPath: string;
  readonly output: string;
  readonly summary: string;
  readonly state: string;
  readonly env: string;
  readonly path: string;
}

export interface RunIdentity {
  readonly runId: string;
  readonly runNumber: string;
  readonly runAttempt: string;
  readonly workflow: string;
  readonly job: string;
}

export interface RunnerEnvRequest {
  readonly event: RunnerEvent;
  readonly run: RunIdentity;
  readonly files: RunFiles;
  readonly workspace: string;
  readonly runnerTemp: string;
  readonly home: string;
  readonly apiUrl: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly oidc?: { readonly requestUrl: string; readonly requestToken: string };
  readonly aws: { readonly endpointUrl: string; readonly region?: string };
  /** Applied last; undefined removes a variable. */
  readonly overrides?: Readonly<Record<string, string | undefined>>;
  /** PATH of the parent, so the action can still find tools. */
  readonly path: string;
}

const refName = (ref: string): string => ref.replace(/^refs\/(heads|tags)\//, '');

export const runnerEnv = (r: RunnerEnvRequest): Record<string, string> => {
  const [owner = ''] = r.event.repository.split('/');
  const env: Record<string, string | undefined> = {
    PATH: r.path,
    HOME: r.home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: r.event.name,
    GITHUB_EVENT_PATH: r.files.eventPath,
    GITHUB_REPOSITORY: r.event.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_REF: r.event.ref,
    GITHUB_REF_NAME: r.event.pullRequest ? `${r.event.pullRequest.number}/merge` : refName(r.event.ref),
    GITHUB_REF_TYPE: r.event.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    // Present but empty outside pull_request events, as on a runner.
    GITHUB_HEAD_REF: r.event.headRef ?? '',
    GITHUB_BASE_REF: r.event.baseRef ?? '',
    GITHUB_SHA: r.event.sha,
    GITHUB_ACTOR: r.event.actor,
    GITHUB_TRIGGERING_ACTOR: r.event.actor,
    GITHUB_RUN_ID: r.run.runId,
    GITHUB_RUN_NUMBER: r.run.runNumber,
    GITHUB_RUN_ATTEMPT: r.run.runAttempt,
    GITHUB_WORKFLOW: r.run.workflow,
    GITHUB_WORKFLOW_REF: `${r.event.repository}/.github/workflows/${r.run.workflow}.yml@${r.event.ref}`,
    GITHUB_JOB: r.run.job,
    GITHUB_ACTION: '__rolemodel',
    GITHUB_API_URL: r.apiUrl,
    GITHUB_GRAPHQL_URL: `${r.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: r.workspace,
    GITHUB_OUTPUT: r.files.output,
    GITHUB_STEP_SUMMARY: r.files.summary,
    GITHUB_STATE: r.files.state,
    GITHUB_ENV: r.files.env,
    GITHUB_PATH: r.files.path,
    GITHUB_RETENTION_DAYS: '90',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: r.runnerTemp,
    RUNNER_TOOL_CACHE: `${r.runnerTemp}/tool-cache`,
    ACTIONS_ID_TOKEN_REQUEST_URL: r.oidc?.requestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: r.oidc?.requestToken,
    AWS_ENDPOINT_URL: r.aws.endpointUrl,
    AWS_REGION: r.aws.region,
    // No instance metadata service here; without this the SDK's credential chain stalls on it.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...r.inputs,
    ...r.overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
};
