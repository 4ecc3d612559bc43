// A whole organisation on one machine: the AWS emulator with a master account and three
// assumable accounts (deployer roles in each), the GitHub emulator with an open pull request,
// and a workspace holding a copy of the samples that a test can edit.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEmulator } from '../support/aws-emulator/index.ts';
import type { AwsEmulator, AwsEmulatorOptions } from '../support/aws-emulator/index.ts';
import { fakeSha, startGitHubEmulator } from '../support/github-emulator/index.ts';
import type { GitHubEmulator } from '../support/github-emulator/index.ts';
import {
  pullRequestEvent,
  pushEvent,
  REPO_ROOT,
  runAction,
  workflowDispatchEvent,
} from '../support/harness/index.ts';
import type { RunActionOptions, RunResult } from '../support/harness/index.ts';

export const MASTER = '123456789012';
export const ACCOUNTS = { prod: '210987654321', staging: '310987654321', cdn: '410987654321' } as const;
export const SAMPLE_USERS = ['alice', 'bob', 'carol', 'dave'];
export const PR_NUMBER = 7;

export interface Scenario {
  readonly aws: AwsEmulator;
  readonly github: GitHubEmulator;
  readonly workspace: string;
  /** Rewrites a file of the workspace (paths relative to it). */
  edit(path: string, change: (text: string) => string): void;
  write(path: string, text: string): void;
  /**
   * The workspace's files (`files`, default the three samples) as a commit of `repository` that
   * the contents API serves; its sha, made from `name`.
   */
  commit(name: string, repository?: string, files?: readonly string[]): string;
  plan(options?: Partial<RunActionOptions<AwsEmulator>>): Promise<RunResult<AwsEmulator>>;
  apply(options?: Partial<RunActionOptions<AwsEmulator>>): Promise<RunResult<AwsEmulator>>;
  dispatch(
    command: string,
    options?: Partial<RunActionOptions<AwsEmulator>>,
  ): Promise<RunResult<AwsEmulator>>;
  close(): Promise<void>;
}

const deployerRole = { name: 'rolemodel-deployer' };

/** The sample files every scenario's workspace starts with. */
const SAMPLE_FILES = ['rolemodel.yml', 'roles.yml', 'users.yml'];

export interface ScenarioOptions extends AwsEmulatorOptions {
  readonly users?: string[];
  /** Trust policies of the deployer roles, by account id (default: the emulator's, trusting master and GitHub). */
  readonly deployerTrust?: Readonly<Record<string, Record<string, unknown>>>;
}

export const startScenario = async (options: ScenarioOptions = {}): Promise<Scenario> => {
  const aws = await startAwsEmulator({ stackOperationDelayMs: 5, changeSetDelayMs: 5, ...options });
  const deployer = (id: string) => {
    const trustPolicy = options.deployerTrust?.[id];
    return trustPolicy ? { ...deployerRole, trustPolicy } : deployerRole;
  };
  aws.seed({
    accounts: {
      [MASTER]: { users: options.users ?? SAMPLE_USERS, roles: [deployer(MASTER)] },
      ...Object.fromEntries(Object.values(ACCOUNTS).map((id) => [id, { roles: [deployer(id)] }])),
    },
  });
  const github = await startGitHubEmulator();
  github.addPullRequest('octo-org/access', { number: PR_NUMBER });
  const workspace = mkdtempSync(join(tmpdir(), 'rolemodel-e2e-'));
  for (const file of SAMPLE_FILES) cpSync(join(REPO_ROOT, 'samples', file), join(workspace, file));
  const results: RunResult<AwsEmulator>[] = [];
  const run = async (
    base: RunActionOptions<AwsEmulator>,
    extra: Partial<RunActionOptions<AwsEmulator>> = {},
  ) => {
    const result = await runAction<AwsEmulator>({
      workspace,
      aws,
      github,
      timeoutMs: 60_000,
      ...base,
      ...extra,
      env: { ROLEMODEL_POLL_DELAY_MS: '10', ...base.env, ...extra.env },
    });
    results.push(result);
    return result;
  };
  return {
    aws,
    github,
    workspace,
    edit: (path, change) =>
      writeFileSync(join(workspace, path), change(readFileSync(join(workspace, path), 'utf8'))),
    write: (path, text) => writeFileSync(join(workspace, path), text),
    commit: (name, repository = 'octo-org/access', files = SAMPLE_FILES) => {
      const sha = fakeSha(name);
      github.seedCommit(
        repository,
        sha,
        Object.fromEntries(files.map((f) => [f, readFileSync(join(workspace, f), 'utf8')])),
      );
      return sha;
    },
    plan: (extra) =>
      run(
        {
          event: pullRequestEvent({ number: PR_NUMBER, repository: 'octo-org/access' }),
          inputs: { command: 'auto' },
        },
        extra,
      ),
    // A direct push has no reviewed plan: the apply tests check how apply works, so they let
    // it go on and report (review.test.ts checks the refusal).
    apply: (extra) =>
      run(
        {
          event: pushEvent({ ref: 'refs/heads/main', repository: 'octo-org/access' }),
          inputs: { command: 'auto', unreviewed: 'warn' },
        },
        extra,
      ),
    dispatch: (command, extra) =>
      run(
        {
          event: workflowDispatchEvent({ inputs: { command }, repository: 'octo-org/access' }),
          inputs: { command: 'auto' },
        },
        extra,
      ),
    close: async () => {
      results.forEach((r) => r.cleanup());
      rmSync(workspace, { recursive: true, force: true });
      await aws.close();
      await github.close();
    },
  };
};

/** The plan comment(s) on the scenario's pull request. */
export const planComments = (scenario: Scenario): string[] =>
  scenario.github
    .comments('octo-org', 'access', PR_NUMBER)
    .map((c) => c.body)
    .filter((b) => b.startsWith('<!-- rolemodel-plan -->'));
