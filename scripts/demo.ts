// `npm run demo`: the action's whole cycle on one machine. Starts the local AWS and GitHub
// emulators, seeds the master account with the samples' users, and runs the bundled
// dist/index.js as a runner would: a pull request (plan comment), a merge (apply), a manual
// list, a second pull request that changes access, and a manual delete.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddUserToGroupCommand, IAMClient } from '@aws-sdk/client-iam';
import { startAwsEmulator } from '../__tests__/support/aws-emulator/index.ts';
import type { AwsEmulator } from '../__tests__/support/aws-emulator/index.ts';
import { startGitHubEmulator } from '../__tests__/support/github-emulator/index.ts';
import {
  pullRequestEvent,
  pushEvent,
  REPO_ROOT,
  runAction,
  workflowDispatchEvent,
} from '../__tests__/support/harness/index.ts';
import type { RunActionOptions, RunResult } from '../__tests__/support/harness/index.ts';

const REPOSITORY = 'demo-org/aws-access';
const MASTER = '123456789012';
const ACCOUNTS = ['210987654321', '310987654321', '410987654321'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

const rule = (title: string): void =>
  console.log(`\n${'─'.repeat(8)} ${title} ${'─'.repeat(Math.max(4, 70 - title.length))}`);

/** A plan's only DeleteStack calls remove the REVIEW_IN_PROGRESS stacks its own CREATE change
 * sets left behind: cleanup of its review, not a change to anything that was there before. */
const outcome = (result: RunResult<AwsEmulator>, kind: 'plan' | 'other' = 'other'): string => {
  const log = result.aws?.requestLog ?? [];
  const cleanups = kind === 'plan' ? log.filter((e) => e.operation === 'DeleteStack').length : 0;
  const mutating = log.filter((e) => e.mutating).length - cleanups;
  const timing = `exit ${result.exitCode} · ${(result.durationMs / 1000).toFixed(1)} s`;
  const cleaned = cleanups > 0 ? ` (${cleanups} review stacks removed again)` : '';
  return `${timing} · ${log.length} AWS calls, ${mutating} changing IAM or a stack${cleaned}`;
};

/** A change made in the AWS console, outside git: the plan shows it as drift. */
const addByHand = async (aws: AwsEmulator, group: string, user: string): Promise<void> => {
  const client = new IAMClient({
    endpoint: aws.url,
    region: 'us-east-1',
    credentials: aws.masterCredentials,
  });
  await client.send(new AddUserToGroupCommand({ GroupName: group, UserName: user }));
  client.destroy();
};

const main = async (): Promise<void> => {
  const started = Date.now();
  const aws = await startAwsEmulator({ stackOperationDelayMs: 20, changeSetDelayMs: 20 });
  const deployer = { name: 'rolemodel-deployer' };
  aws.seed({
    accounts: {
      [MASTER]: { users: USERS, roles: [deployer] },
      ...Object.fromEntries(ACCOUNTS.map((id) => [id, { roles: [deployer] }])),
    },
  });
  const github = await startGitHubEmulator();
  github.addPullRequest(REPOSITORY, { number: 1 });
  github.addPullRequest(REPOSITORY, { number: 2 });
  const workspace = mkdtempSync(join(tmpdir(), 'rolemodel-demo-'));
  for (const file of ['rolemodel.yml', 'roles.yml', 'users.yml'])
    cpSync(join(REPO_ROOT, 'samples', file), join(workspace, file));
  // The workspace is a git clone of "main", so the plan can tell removals made in git from drift.
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@example.invalid', ...args], {
      cwd: workspace,
      encoding: 'utf8',
    }).trim();
  // History: an empty repository (the first pull request's base), then the samples merged.
  git('init', '-q');
  writeFileSync(join(workspace, 'README.md'), '# aws-access\n');
  git('add', 'README.md');
  git('commit', '-qm', 'empty repository');
  const emptySha = git('rev-parse', 'HEAD');
  git('add', '.');
  git('commit', '-qm', 'access as it is on main');
  const mainSha = git('rev-parse', 'HEAD');
  console.log(`AWS emulator ${aws.url} · GitHub emulator ${github.url} · workspace ${workspace}`);
  console.log(
    `Master account ${MASTER} has users ${USERS.join(', ')}; the samples describe 3 accounts and 4 roles.`,
  );

  const results: RunResult<AwsEmulator>[] = [];
  const run = async (options: RunActionOptions<AwsEmulator>): Promise<RunResult<AwsEmulator>> => {
    const result = await runAction<AwsEmulator>({
      workspace,
      aws,
      github,
      env: { ROLEMODEL_POLL_DELAY_MS: '20' },
      ...options,
    });
    results.push(result);
    return result;
  };
  const comment = (n: number): string =>
    github.comments('demo-org', 'aws-access', n).find((c) => c.body.startsWith('<!-- rolemodel-plan -->'))
      ?.body ?? '(no comment)';

  try {
    rule('1. pull_request #1: plan (read-only), posted as a comment');
    const plan = await run({
      event: pullRequestEvent({ number: 1, repository: REPOSITORY, headSha: mainSha, baseSha: emptySha }),
    });
    console.log(comment(1));
    console.log(`→ ${outcome(plan, 'plan')}`);

    rule('2. #1 merged, push to main: apply what #1 showed (its comment records the reviewed result)');
    github.mergePullRequest(REPOSITORY, 1, { commits: [mainSha] });
    const apply = await run({
      event: pushEvent({ repository: REPOSITORY, ref: 'refs/heads/main', before: emptySha, after: mainSha }),
    });
    console.log(apply.summary);
    console.log(`→ ${outcome(apply)}`);

    rule('3. workflow_dispatch: list');
    const list = await run({
      event: workflowDispatchEvent({ repository: REPOSITORY, inputs: { command: 'list' } }),
    });
    console.log(list.summary);
    console.log(`→ ${outcome(list)}`);

    rule(
      '4. pull_request #2: erin joins prod.AdminRole, bob leaves prod.ReadOnlyRole; carol was added to cdn.AdminRole by hand',
    );
    await addByHand(aws, 'cdn.AdminRole', 'carol');
    const users = join(workspace, 'users.yml');
    writeFileSync(
      users,
      readFileSync(users, 'utf8')
        .replace(/(prod:\n(?:.*\n)*?\s+AdminRole:\n)/, '$1    - erin\n')
        .replace(/(ReadOnlyRole:\n\s+- alice\n)\s+- bob\n/, '$1'),
    );
    git('commit', '-qam', 'erin joins prod.AdminRole; bob leaves prod.ReadOnlyRole');
    const secondSha = git('rev-parse', 'HEAD');
    const plan2 = await run({
      event: pullRequestEvent({ number: 2, repository: REPOSITORY, headSha: secondSha, baseSha: mainSha }),
    });
    console.log(comment(2));
    console.log(`→ ${outcome(plan2, 'plan')}`);

    rule('5. #2 merged, push to main: apply the change, then apply again (converged: nothing to do)');
    github.mergePullRequest(REPOSITORY, 2, { method: 'squash', commits: [secondSha] });
    const merged = pushEvent({
      repository: REPOSITORY,
      ref: 'refs/heads/main',
      before: mainSha,
      after: secondSha,
    });
    const apply2 = await run({ event: merged });
    console.log(`apply → ${outcome(apply2)}`);
    const apply3 = await run({ event: merged });
    console.log(`apply again → ${outcome(apply3)}`);

    rule('6. workflow_dispatch: delete without, then with confirmation');
    const refused = await run({
      event: workflowDispatchEvent({ repository: REPOSITORY, inputs: { command: 'delete' } }),
    });
    console.log(
      `without confirm → ${outcome(refused)}: ${refused.annotations.map((a) => a.message).join(' ')}`,
    );
    const deleted = await run({
      event: workflowDispatchEvent({ repository: REPOSITORY, inputs: { command: 'delete' } }),
      inputs: { confirm: 'RoleModel' },
    });
    console.log(deleted.summary);
    console.log(`→ ${outcome(deleted)}`);

    rule('done');
    const steps = [plan, apply, list, plan2, apply2, apply3, deleted];
    const ok = steps.every((r) => r.exitCode === 0) && refused.exitCode === 1;
    console.log(
      `${ok ? 'All steps behaved as expected' : 'Some step did not behave as expected'} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    results.forEach((r) => r.cleanup());
    rmSync(workspace, { recursive: true, force: true });
    await aws.close();
    await github.close();
  }
};

await main();
