// Helpers for the end-to-end plan tests: reading what a run produced (the plan JSON, the
// comment as a reader sees it), editing the sample files, and a git base for the workspace.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AwsEmulator, RequestLogEntry } from '../support/aws-emulator/index.ts';
import { pullRequestEvent } from '../support/harness/index.ts';
import type { PullRequestEventOptions, RunnerEvent, RunResult } from '../support/harness/index.ts';
import { PR_NUMBER } from './scenario.ts';
import type { Scenario } from './scenario.ts';

/** The repository scenario.ts runs in. */
export const REPOSITORY = 'octo-org/access';

/** An account that is not in the samples, for tests that add one. */
export const NEW_ACCOUNT = { name: 'audit', id: '510987654321' } as const;

export interface PlanJsonChange {
  readonly action: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly replacement?: string;
}

export interface PlanJsonStack {
  readonly accountName: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly action: string;
  readonly currentStatus?: string;
  readonly changes: readonly PlanJsonChange[];
  readonly replacedRoles: readonly string[];
  readonly reason?: string;
}

export interface PlanJsonGroup {
  readonly name: string;
  readonly accountName?: string;
  readonly roleLogicalId?: string;
  readonly action: string;
  readonly membersToAdd: readonly string[];
  readonly membersToRemove: readonly { readonly userName: string; readonly origin: string }[];
  readonly members: readonly string[];
}

export interface PlanJsonDiagnostic {
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The `plan-json` output: a plan, or why there is none. */
export interface PlanJson {
  readonly command: string;
  readonly stacks?: readonly PlanJsonStack[];
  readonly groups?: readonly PlanJsonGroup[];
  readonly summary?: Readonly<Record<string, number>>;
  readonly hasChanges?: boolean;
  readonly diagnostics?: readonly PlanJsonDiagnostic[];
  readonly skipped?: string;
  readonly error?: string;
}

type Run = RunResult<AwsEmulator>;

const outputFile = (result: Run, name: string): string => {
  const path = result.outputs[name];
  if (path === undefined || path === '') throw new Error(`The run set no \`${name}\` output`);
  return readFileSync(path, 'utf8');
};

export const planJson = (result: Run): PlanJson => JSON.parse(outputFile(result, 'plan-json')) as PlanJson;

export const planMarkdown = (result: Run): string => outputFile(result, 'plan-markdown');

/** The stacks and groups of a plan JSON, which must be there. */
export const planned = (
  json: PlanJson,
): { stacks: readonly PlanJsonStack[]; groups: readonly PlanJsonGroup[] } => {
  if (json.stacks === undefined || json.groups === undefined)
    throw new Error(`plan-json holds no plan: ${JSON.stringify(json).slice(0, 500)}`);
  return { stacks: json.stacks, groups: json.groups };
};

export const stackOf = (json: PlanJson, account: string): PlanJsonStack => {
  const stack = planned(json).stacks.find((s) => s.accountName === account);
  if (!stack) throw new Error(`plan-json has no stack for ${account}`);
  return stack;
};

export const groupOf = (json: PlanJson, name: string): PlanJsonGroup => {
  const group = planned(json).groups.find((g) => g.name === name);
  if (!group) throw new Error(`plan-json has no group ${name}`);
  return group;
};

export const groupNames = (json: PlanJson, action: string): string[] =>
  planned(json)
    .groups.filter((g) => g.action === action)
    .map((g) => g.name)
    .sort();

/**
 * Markdown as a reader sees the text: the renderer's escapes (`\.`, `&quot;`, the zero-width
 * space after `:` and `@`) undone, so assertions can quote messages as they read.
 */
export const plain = (markdown: string): string =>
  markdown
    .replace(/\u200b/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The first line after the heading: the one-line summary. */
export const summaryLine = (markdown: string): string => {
  const lines = markdown.split('\n');
  const heading = lines.indexOf('## RoleModel plan');
  return lines.slice(heading + 1).find((l) => l.trim() !== '') ?? '';
};

export const errorAnnotations = (result: Run) => result.annotations.filter((a) => a.severity === 'error');

export const awsLog = (result: Run): RequestLogEntry[] => result.aws?.requestLog ?? [];

/** A pull_request event on the scenario's PR. */
export const prEvent = (options: PullRequestEventOptions = {}): RunnerEvent =>
  pullRequestEvent({ number: PR_NUMBER, repository: REPOSITORY, ...options });

/** 1-based line and column of the first occurrence of `needle` in a workspace file. */
export const positionOf = (
  scenario: Scenario,
  file: string,
  needle: string,
): { line: number; col: number } => {
  const lines = readFileSync(`${scenario.workspace}/${file}`, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${file} does not contain ${needle}`);
  return { line: line + 1, col: (lines[line] ?? '').indexOf(needle) + 1 };
};

/**
 * Makes the workspace a git repository whose one commit holds the files as they are now,
 * as `actions/checkout` leaves it with the base commit fetched; returns that commit's sha.
 */
export const commitBase = (scenario: Scenario): string => {
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=base', '-c', 'user.email=base@example.com', '-c', 'init.defaultBranch=main', ...args],
      { cwd: scenario.workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim();
  git('init', '--quiet');
  git('add', '-A');
  git('commit', '--quiet', '-m', 'base');
  return git('rev-parse', 'HEAD');
};

/** A fifth assumable role, appended to the sample template's resources. */
export const addAuditorRole = (scenario: Scenario): void =>
  scenario.edit('roles.yml', (text) => {
    const role = [
      '  AuditorRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Description: RoleModel - security audit.',
      '      AssumeRolePolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              AWS: !Sub arn:${AWS::Partition}:iam::${AssumingAccountID}:root',
      '            Action: sts:AssumeRole',
      '      ManagedPolicyArns:',
      '        - !Sub arn:${AWS::Partition}:iam::aws:policy/SecurityAudit',
      '',
      '',
    ].join('\n');
    if (!text.includes('\nOutputs:')) throw new Error('roles.yml has no Outputs section');
    return text.replace('\nOutputs:', `\n${role}Outputs:`);
  });

/** A fourth account in the config, with its deployer role in the emulator. */
export const addAccount = (scenario: Scenario): void => {
  scenario.aws.seed({ accounts: { [NEW_ACCOUNT.id]: { roles: [{ name: 'rolemodel-deployer' }] } } });
  scenario.edit(
    'rolemodel.yml',
    (text) => `${text.trimEnd()}\n\n  - name: ${NEW_ACCOUNT.name}\n    account_id: '${NEW_ACCOUNT.id}'\n`,
  );
};

/** Replaces one exact snippet of a workspace file, failing when the snippet is not there. */
export const replaceIn = (scenario: Scenario, file: string, from: string, to: string): void =>
  scenario.edit(file, (text) => {
    if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
    return text.replace(from, to);
  });

/** What a stack looks like from outside, for before/after comparisons. */
export const stackFacts = (aws: AwsEmulator, account: string) =>
  aws.stacks(account).map((s) => ({
    name: s.name,
    status: s.status,
    lastUpdatedTime: s.lastUpdatedTime?.toISOString(),
    templateBody: s.templateBody,
    parameters: s.parameters,
    resources: s.resources,
    changeSets: s.changeSets.map((c) => c.name),
  }));
