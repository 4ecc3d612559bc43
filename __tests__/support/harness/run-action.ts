// Runs the bundled action the way a GitHub runner does: event file, runner environment,
// INPUT_* variables, `node dist/index.js` as a child process; then reads back everything
// the step produced (log commands, outputs, summary) and what the emulators saw.
import { readFile } from 'node:fs/promises';
import type { GitHubEmulator, OidcJobContext, RequestLogEntry } from '../github-emulator/index.ts';
import type { ChildResult, RunningHandle } from './child.ts';
import { runChild } from './child.ts';
import type { RunnerEvent } from './events.ts';
import { parseKeyValueFile, parsePathFile } from './file-commands.ts';
import type { InputValue } from './inputs.ts';
import { inputEnv, loadActionInputs } from './inputs.ts';
import type { ParsedLog } from './log.ts';
import { parseLog } from './log.ts';
import { DEFAULT_ACTION_YML, DEFAULT_NODE, DEFAULT_SCRIPT, NOWHERE_URL } from './paths.ts';
import type { RunIdentity } from './runner-env.ts';
import { runnerEnv } from './runner-env.ts';
import type { RunDirs } from './temp-dirs.ts';
import { createRunDirs, removeRunDirs } from './temp-dirs.ts';

/** What the harness needs from an AWS emulator; anything else it has passes through untouched. */
export interface AwsEmulatorLike {
  readonly url: string;
  requestLog(): readonly unknown[];
}

export interface KillContext<A extends AwsEmulatorLike> {
  readonly stdout: string;
  readonly elapsedMs: number;
  readonly aws: A | undefined;
  readonly github: GitHubEmulator | undefined;
}

export interface RunActionOptions<A extends AwsEmulatorLike = AwsEmulatorLike> {
  readonly event: RunnerEvent;
  /** GITHUB_WORKSPACE and the child's cwd; an empty temp dir when absent. */
  readonly workspace?: string;
  /** Action inputs by their action.yml names; undefined means "not given" (the default applies). */
  readonly inputs?: Readonly<Record<string, InputValue>>;
  readonly github?: GitHubEmulator;
  readonly aws?: A;
  /** AWS_REGION when an AWS emulator is given; us-east-1 by default. */
  readonly awsRegion?: string;
  /** Whether the job may request OIDC tokens; by default yes with a GitHub emulator, except for fork PRs. */
  readonly oidc?: boolean;
  /** Extra claims for this run's OIDC tokens, e.g. `{ environment: 'prod' }`. */
  readonly oidcJob?: Partial<OidcJobContext>;
  /** Applied last; undefined removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly run?: Partial<RunIdentity>;
  /** The entry script; `dist/index.js` of the repository by default. */
  readonly script?: string;
  readonly actionYml?: string;
  readonly nodeBinary?: string;
  readonly timeoutMs?: number;
  /** Polled while the action runs; true SIGKILLs it (e.g. after k mutating AWS calls). */
  readonly killWhen?: (ctx: KillContext<A>) => boolean;
  readonly pollMs?: number;
  /** Called once the child has started, with a handle to kill it directly. */
  readonly onRunning?: (handle: RunningHandle) => void | Promise<void>;
  readonly allowUnknownInputs?: boolean;
}

export interface EmulatorReport<E, L> {
  readonly emulator: E;
  /** Requests the emulator logged while this run was going. */
  readonly requestLog: L[];
}

export interface RunResult<A extends AwsEmulatorLike = AwsEmulatorLike> extends ParsedLog, ChildResult {
  /** GITHUB_OUTPUT, both `name=value` and heredoc forms. */
  readonly outputs: Record<string, string>;
  /** GITHUB_STEP_SUMMARY content. */
  readonly summary: string;
  readonly savedState: Record<string, string>;
  readonly exportedEnv: Record<string, string>;
  readonly addedPaths: string[];
  /** Malformed file-command content, which fails the step on a runner. */
  readonly fileCommandErrors: string[];
  /** The environment the action ran with. */
  readonly env: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly runnerTemp: string;
  /** The run's temp tree (runner temp, home, event file); kept until cleanup(). */
  readonly tempDir: string;
  cleanup(): Promise<void>;
  readonly github?: EmulatorReport<GitHubEmulator, RequestLogEntry>;
  readonly aws?: EmulatorReport<A, ReturnType<A['requestLog']>[number]>;
}

const DEFAULT_RUN: RunIdentity = {
  runId: '1000000001',
  runNumber: '1',
  runAttempt: '1',
  workflow: 'rolemodel',
  job: 'rolemodel',
};

const FAKE_TOKEN = 'ghs_harness_without_github_emulator';

/** Makes the event's repository and PR exist on the emulator, as they would on GitHub. */
const registerEvent = (github: GitHubEmulator, event: RunnerEvent): void => {
  github.addRepository(event.repository);
  const pr = event.pullRequest;
  if (pr) github.addPullRequest(event.repository, pr);
};

const oidcJobOf = (event: RunnerEvent, run: RunIdentity): OidcJobContext => ({
  repository: event.repository,
  ref: event.ref,
  sha: event.sha,
  actor: event.actor,
  eventName: event.name,
  runId: run.runId,
  runNumber: run.runNumber,
  runAttempt: run.runAttempt,
  workflow: run.workflow,
  ...(event.headRef ? { headRef: event.headRef } : {}),
  ...(event.baseRef ? { baseRef: event.baseRef } : {}),
});

const readText = (path: string): Promise<string> => readFile(path, 'utf8').catch(() => '');

const buildEnv = <A extends AwsEmulatorLike>(o: RunActionOptions<A>, dirs: RunDirs, run: RunIdentity) => {
  const { event, github } = o;
  const token = github ? (event.fork ? github.readOnlyToken : github.token) : FAKE_TOKEN;
  const wantsOidc = o.oidc ?? (github !== undefined && !event.fork);
  if (wantsOidc && !github)
    throw new Error('runAction: an OIDC-capable run needs a GitHub emulator (`github`)');
  const oidc =
    wantsOidc && github ? github.registerOidcJob({ ...oidcJobOf(event, run), ...o.oidcJob }) : undefined;
  const workspace = o.workspace ?? dirs.defaultWorkspace;
  const inputs = inputEnv({
    declared: loadActionInputs(o.actionYml ?? DEFAULT_ACTION_YML),
    given: o.inputs ?? {},
    allowUnknown: o.allowUnknownInputs ?? false,
    context: {
      'github.token': token,
      'github.repository': event.repository,
      'github.ref': event.ref,
      'github.sha': event.sha,
      'github.actor': event.actor,
      'github.event_name': event.name,
      'github.workspace': workspace,
      'github.run_id': run.runId,
      'runner.temp': dirs.runnerTemp,
    },
  });
  const env = runnerEnv({
    event,
    run,
    files: dirs.files,
    workspace,
    runnerTemp: dirs.runnerTemp,
    home: dirs.home,
    apiUrl: github?.url ?? NOWHERE_URL,
    inputs,
    ...(oidc ? { oidc } : {}),
    aws: o.aws
      ? { endpointUrl: o.aws.url, region: o.awsRegion ?? 'us-east-1' }
      : { endpointUrl: NOWHERE_URL },
    ...(o.env ? { overrides: o.env } : {}),
    path: process.env['PATH'] ?? '/usr/bin:/bin',
  });
  // The runner masks secrets it hands out; the token and OIDC request token are two.
  const secrets = [token, ...(oidc ? [oidc.requestToken] : [])];
  return { env, workspace, secrets };
};

const execute = async <A extends AwsEmulatorLike>(
  options: RunActionOptions<A>,
  run: RunIdentity,
  dirs: RunDirs,
): Promise<RunResult<A>> => {
  const { github, aws } = options;
  const { env, workspace, secrets } = buildEnv(options, dirs, run);
  const githubBefore = github?.requestLog().length ?? 0;
  const awsBefore = aws?.requestLog().length ?? 0;
  const started = Date.now();
  const killWhen = options.killWhen;
  const child = await runChild({
    command: options.nodeBinary ?? DEFAULT_NODE,
    args: [options.script ?? DEFAULT_SCRIPT],
    cwd: workspace,
    env,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(killWhen
      ? { killWhen: (stdout: string) => killWhen({ stdout, elapsedMs: Date.now() - started, aws, github }) }
      : {}),
    ...(options.pollMs ? { pollMs: options.pollMs } : {}),
    ...(options.onRunning ? { onRunning: options.onRunning } : {}),
  });
  const [output = '', summary = '', state = '', envFile = '', pathFile = ''] = await Promise.all(
    [dirs.files.output, dirs.files.summary, dirs.files.state, dirs.files.env, dirs.files.path].map(readText),
  );
  const outputs = parseKeyValueFile(output);
  const savedState = parseKeyValueFile(state);
  const exportedEnv = parseKeyValueFile(envFile);
  return {
    ...child,
    ...parseLog(child.stdout, secrets),
    outputs: outputs.values,
    summary,
    savedState: savedState.values,
    exportedEnv: exportedEnv.values,
    addedPaths: parsePathFile(pathFile),
    fileCommandErrors: [...outputs.errors, ...savedState.errors, ...exportedEnv.errors],
    env,
    workspace,
    runnerTemp: dirs.runnerTemp,
    tempDir: dirs.root,
    cleanup: () => removeRunDirs(dirs),
    ...(github ? { github: { emulator: github, requestLog: github.requestLog().slice(githubBefore) } } : {}),
    ...(aws
      ? {
          aws: {
            emulator: aws,
            requestLog: aws.requestLog().slice(awsBefore) as ReturnType<A['requestLog']>[number][],
          },
        }
      : {}),
  };
};

/**
 * Runs the action once. Resolves with everything the step produced, whatever its exit
 * code; rejects on a timeout (child killed) or a harness problem. Call cleanup() when done.
 */
export const runAction = async <A extends AwsEmulatorLike = AwsEmulatorLike>(
  options: RunActionOptions<A>,
): Promise<RunResult<A>> => {
  const run: RunIdentity = { ...DEFAULT_RUN, ...options.run };
  if (options.github) registerEvent(options.github, options.event);
  const dirs = await createRunDirs(options.event.payload);
  try {
    return await execute(options, run, dirs);
  } catch (err) {
    await removeRunDirs(dirs);
    throw err;
  }
};
