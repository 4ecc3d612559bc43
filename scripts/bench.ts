// `npm run bench`: the bundled dist/index.js run as a runner runs it, against the local
// emulators set up to behave like AWS at scale: every call has a round trip, change sets and
// stack operations take their time, and IAM answers writes beyond its rate with Throttling.
// Prints the model, one table of cases A-E and a last `bench:` line for scripts. It is not a
// test: shared machines are noisy, and the README's figures come from here.
//
// Every case runs at the action's default inputs. The model is set with environment variables
// (defaults in brackets): BENCH_IAM_MS [60], BENCH_CFN_MS [40] (CloudFormation and STS),
// BENCH_CHANGE_SET_MS [1000], BENCH_STACK_OP_MS [2000], BENCH_IAM_WRITES_PER_S [10],
// BENCH_IAM_WRITE_BURST [20]; BENCH_CASES [A,B,C,D,E] picks cases; BENCH_NODE_OPTIONS is passed
// to the action's process (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEmulator } from '../__tests__/support/aws-emulator/index.ts';
import type { AwsEmulator, RequestLogEntry, SeedGroup } from '../__tests__/support/aws-emulator/index.ts';
import { startGitHubEmulator } from '../__tests__/support/github-emulator/index.ts';
import type { GitHubEmulator } from '../__tests__/support/github-emulator/index.ts';
import { pullRequestEvent, pushEvent, runAction } from '../__tests__/support/harness/index.ts';
import type { RunResult } from '../__tests__/support/harness/index.ts';

const number = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number`);
  return value;
};

const MODEL = {
  iamMs: number('BENCH_IAM_MS', 60),
  cfnMs: number('BENCH_CFN_MS', 40),
  changeSetMs: number('BENCH_CHANGE_SET_MS', 1000),
  stackOpMs: number('BENCH_STACK_OP_MS', 2000),
  iamWritesPerSecond: number('BENCH_IAM_WRITES_PER_S', 10),
  iamWriteBurst: number('BENCH_IAM_WRITE_BURST', 20),
};
const CASES = new Set((process.env['BENCH_CASES'] ?? 'A,B,C,D,E').split(',').map((c) => c.trim()));

const MASTER = '123456789012';
const REPOSITORY = 'octo-org/access';
const PR = 1;
const ROLES = ['AdminRole', 'PowerRole', 'DeveloperRole', 'ReadOnlyRole', 'BillingRole'];
const DEPLOYER = { name: 'rolemodel-deployer' };

const accountId = (i: number): string => String(200000000000 + i);
const accountName = (i: number): string => `acct${i}`;
const userName = (i: number): string => `user${String(i).padStart(4, '0')}`;

const roleResource = (role: string, extra = ''): string => `  ${role}:
    Type: AWS::IAM::Role
    Properties:${extra}
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AssumingAccountID}:root" }
            Action: sts:AssumeRole
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"]`;

/** The role template; `changed` gives the first role a description (a change in every account). */
const template = (changed = false): string =>
  `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AssumingAccountID:
    Type: String
Resources:
${ROLES.map((r, i) => roleResource(r, changed && i === 0 ? '\n      Description: Administrators' : '')).join('\n')}
`;

type Members = Map<string, string[]>;

/** Each user in 3 groups, spread over the accounts: about 3 memberships per user. */
const memberships = (accounts: number, users: number): Members => {
  const members: Members = new Map();
  for (let u = 0; u < users; u++) {
    for (let j = 0; j < 3; j++) {
      const group = `${accountName((u * 7 + j * 13) % accounts)}.${ROLES[(u + j) % ROLES.length] ?? ''}`;
      const list = members.get(group) ?? [];
      if (!list.includes(userName(u))) list.push(userName(u));
      members.set(group, list);
    }
  }
  return members;
};

interface Org {
  readonly accounts: number;
  readonly users: number;
  readonly members: Members;
}

const org = (accounts: number, users: number): Org => ({
  accounts,
  users,
  members: memberships(accounts, users),
});

const usersFile = (o: Org, members: Members = o.members): string => {
  const lines: string[] = [];
  for (let i = 0; i < o.accounts; i++) {
    lines.push(`${accountName(i)}:`);
    for (const r of ROLES)
      lines.push(`  ${r}: [${(members.get(`${accountName(i)}.${r}`) ?? []).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
};

const writeWorkspace = (o: Org, members: Members, templateBody: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rolemodel-bench-'));
  writeFileSync(
    join(dir, 'rolemodel.yml'),
    `assumable_roles: roles.yml\nmaster_account_id: "${MASTER}"\nusers: users.yml\nregion: us-east-1\nassumable_accounts:\n${Array.from(
      { length: o.accounts },
      (_, i) => `  - name: ${accountName(i)}\n    account_id: "${accountId(i)}"\n`,
    ).join('')}`,
  );
  writeFileSync(join(dir, 'roles.yml'), templateBody);
  writeFileSync(join(dir, 'users.yml'), usersFile(o, members));
  return dir;
};

/** An emulator behaving like AWS per MODEL, holding the org's users and deployer roles. */
const modelledAws = async (o: Org): Promise<AwsEmulator> => {
  const aws = await startAwsEmulator({ stackOperationDelayMs: 5, changeSetDelayMs: 5 });
  // 100 accounts x 5 roles is 500 groups: the most AWS raises GroupsQuota to on request. Case E's
  // 2,500 pair groups are beyond it (such an organisation needs teams); it measures the plan's
  // memory at that size, so its account is told to hold them.
  aws.setIamQuotas({ GroupsQuota: Math.max(500, o.accounts * ROLES.length) });
  aws.seed({
    accounts: {
      [MASTER]: { users: Array.from({ length: o.users }, (_, u) => userName(u)), roles: [DEPLOYER] },
      ...Object.fromEntries(
        Array.from({ length: o.accounts }, (_, i) => [accountId(i), { roles: [DEPLOYER] }]),
      ),
    },
  });
  return aws;
};

const applyModel = (aws: AwsEmulator): void => {
  aws.setLatency('iam:*', MODEL.iamMs);
  aws.setLatency('cloudformation:*', MODEL.cfnMs);
  aws.setLatency('sts:*', MODEL.cfnMs);
  aws.setChangeSetDelay(MODEL.changeSetMs);
  aws.setStackOperationDelay(MODEL.stackOpMs);
  aws.setWriteRateLimit('iam', { perSecond: MODEL.iamWritesPerSecond, burst: MODEL.iamWriteBurst });
};

/**
 * The org as a finished apply leaves it, put straight into the emulator (applying it through
 * IAM's write rate would take minutes): every stack deployed from exactly `templateBody`,
 * every group with its members and its policy on the deployed role.
 */
const seedApplied = (aws: AwsEmulator, o: Org, templateBody: string): void => {
  const groups: SeedGroup[] = [];
  for (let i = 0; i < o.accounts; i++) {
    const stack = aws.createStack({
      account: accountId(i),
      name: 'RoleModel',
      templateBody,
      parameters: { AssumingAccountID: MASTER },
    });
    for (const role of ROLES) {
      const physical = stack.resources.find((r) => r.logicalId === role)?.physicalId ?? '';
      const name = `${accountName(i)}.${role}`;
      groups.push({
        name,
        path: '/RoleModel/',
        members: o.members.get(name) ?? [],
        policies: {
          [`${name}-Policy`]: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:AssumeRole'],
                Resource: `arn:aws:iam::${accountId(i)}:role/${physical}`,
              },
            ],
          },
        },
      });
    }
  }
  aws.seed({ accounts: { [MASTER]: { groups } } });
};

interface Measured {
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly log: readonly RequestLogEntry[];
  /** The action's process: its peak resident set and the CPU time it used. */
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
  /** CPU the emulators (this process) used meanwhile: AWS's side, on the same cores. */
  readonly emulatorCpuSeconds: number;
}

const count = (log: readonly RequestLogEntry[], operation: string): number =>
  log.filter((e) => e.operation === operation).length;
const iamWrites = (log: readonly RequestLogEntry[]): number =>
  log.filter((e) => e.service === 'iam' && e.mutating && e.status === 200).length;
const throttled = (log: readonly RequestLogEntry[]): number =>
  log.filter((e) => e.errorCode === 'Throttling').length;

/** Writes the action's peak resident set (VmHWM) and CPU time as it exits, to PROBE_FILE. */
const writeProbe = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rolemodel-bench-probe-'));
  const probe = join(dir, 'probe.mjs');
  writeFileSync(
    probe,
    `import { readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  const kb = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  const cpu = process.cpuUsage();
  if (kb && process.env.PROBE_FILE)
    writeFileSync(process.env.PROBE_FILE, JSON.stringify({ kb: Number(kb), cpuMs: (cpu.user + cpu.system) / 1000 }));
});
`,
  );
  return probe;
};
const probe = writeProbe();

/** The probe and BENCH_NODE_OPTIONS (e.g. `--cpu-prof`) reach the action's process. */
const childEnv = (probeFile: string): Record<string, string> => ({
  NODE_OPTIONS: [`--import=${probe}`, process.env['BENCH_NODE_OPTIONS'] ?? ''].join(' ').trim(),
  PROBE_FILE: probeFile,
});

const run = async (
  kind: 'plan' | 'apply',
  aws: AwsEmulator,
  github: GitHubEmulator,
  workspace: string,
): Promise<Measured> => {
  const since = aws.requestLog().length;
  const cpuBefore = process.cpuUsage();
  const probeFile = join(mkdtempSync(join(tmpdir(), 'rolemodel-bench-probe-')), 'probe.json');
  const result: RunResult<AwsEmulator> = await runAction<AwsEmulator>({
    event:
      kind === 'plan'
        ? pullRequestEvent({ number: PR, repository: REPOSITORY })
        : pushEvent({ ref: 'refs/heads/main', repository: REPOSITORY }),
    workspace,
    aws,
    github,
    // A direct push has no reviewed plan: applied under `warn`, so the bench measures the apply
    // itself (the review check still runs and asks GitHub for the merged pull request).
    inputs: kind === 'apply' ? { unreviewed: 'warn' } : {},
    env: childEnv(probeFile),
    timeoutMs: 1_800_000,
  });
  if (result.exitCode !== 0) console.error(result.stdout.slice(-3000), result.stderr.slice(-2000));
  result.cleanup();
  const probed = JSON.parse(readFileSync(probeFile, 'utf8')) as { kb: number; cpuMs: number };
  const emulatorCpu = process.cpuUsage(cpuBefore);
  return {
    seconds: result.durationMs / 1000,
    exitCode: result.exitCode,
    log: aws.requestLog().slice(since),
    peakRssMb: probed.kb / 1024,
    cpuSeconds: probed.cpuMs / 1000,
    emulatorCpuSeconds: (emulatorCpu.user + emulatorCpu.system) / 1e6,
  };
};

interface Row {
  readonly name: string;
  readonly accounts: number;
  readonly users: number;
  readonly m: Measured;
  readonly note?: string;
}

/** One organisation in the emulators; `applied` seeds it as already applied. */
const withOrg = async <T>(
  o: Org,
  applied: boolean,
  body: (aws: AwsEmulator, github: GitHubEmulator) => Promise<T>,
): Promise<T> => {
  const aws = await modelledAws(o);
  const github = await startGitHubEmulator();
  github.addPullRequest(REPOSITORY, { number: PR });
  try {
    if (applied) seedApplied(aws, o, template());
    applyModel(aws);
    return await body(aws, github);
  } finally {
    await aws.close();
    await github.close();
  }
};

const withWorkspace = async <T>(dir: string, body: (dir: string) => Promise<T>): Promise<T> => {
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const USERS = 1000;

/** A: first deployment, plan only (the apply is IAM's write rate times ~4,000 writes). */
const caseA = async (rows: Row[]): Promise<number | undefined> => {
  const times = new Map<number, number>();
  for (const n of [1, 10, 100]) {
    const o = org(n, USERS);
    const m = await withOrg(o, false, (aws, github) =>
      withWorkspace(writeWorkspace(o, o.members, template()), (dir) => run('plan', aws, github, dir)),
    );
    times.set(n, m.seconds);
    rows.push({ name: 'A first deployment, plan', accounts: n, users: USERS, m });
  }
  const [one, hundred] = [times.get(1), times.get(100)];
  return one && hundred ? hundred / one : undefined;
};

/** One membership more: `user0001` joins the first account's AdminRole group. */
const oneMoreMember = (o: Org): Members => {
  const members = new Map([...o.members].map(([g, m]) => [g, [...m]]));
  const group = `${accountName(0)}.${ROLES[0] ?? ''}`;
  const list = members.get(group) ?? [];
  const newcomer =
    Array.from({ length: o.users }, (_, u) => userName(u)).find((u) => !list.includes(u)) ?? '';
  members.set(group, [...list, newcomer]);
  return members;
};

/** B: an applied org, a PR that changes one membership; against the same change in 1 account. */
const caseB = async (rows: Row[]): Promise<{ ratio?: number; changeSets?: number }> => {
  const plans = new Map<number, Measured>();
  for (const n of [1, 100]) {
    const o = org(n, USERS);
    const m = await withOrg(o, true, (aws, github) =>
      withWorkspace(writeWorkspace(o, oneMoreMember(o), template()), (dir) => run('plan', aws, github, dir)),
    );
    plans.set(n, m);
    rows.push({ name: 'B one membership changes, plan', accounts: n, users: USERS, m });
  }
  const [one, hundred] = [plans.get(1), plans.get(100)];
  return {
    ...(one && hundred ? { ratio: hundred.seconds / one.seconds } : {}),
    ...(hundred ? { changeSets: count(hundred.log, 'CreateChangeSet') } : {}),
  };
};

/** C: a template change reaching every account: plan (1 and 100 accounts) and apply (100). */
const caseC = async (rows: Row[]): Promise<number | undefined> => {
  const plans = new Map<number, number>();
  for (const n of [1, 100]) {
    const o = org(n, USERS);
    await withOrg(o, true, (aws, github) =>
      withWorkspace(writeWorkspace(o, o.members, template(true)), async (dir) => {
        const plan = await run('plan', aws, github, dir);
        plans.set(n, plan.seconds);
        rows.push({ name: 'C template change, plan', accounts: n, users: USERS, m: plan });
        if (n === 100) {
          const apply = await run('apply', aws, github, dir);
          rows.push({ name: 'C template change, apply', accounts: n, users: USERS, m: apply });
        }
      }),
    );
  }
  const [one, hundred] = [plans.get(1), plans.get(100)];
  return one && hundred ? hundred / one : undefined;
};

/** D: 2,000 membership changes in the master account: 1,000 users each move to another group. */
const caseD = async (rows: Row[]): Promise<number | undefined> => {
  const o = org(100, USERS);
  const moved: Members = new Map([...o.members].map(([g, m]) => [g, [...m]]));
  for (let u = 0; u < USERS; u++) {
    const user = userName(u);
    const from = [...moved].find(([, m]) => m.includes(user))?.[0] ?? '';
    const to = [...moved.keys()].find((g) => !(moved.get(g) ?? []).includes(user) && g !== from) ?? '';
    moved.set(
      from,
      (moved.get(from) ?? []).filter((m) => m !== user),
    );
    moved.set(to, [...(moved.get(to) ?? []), user]);
  }
  const m = await withOrg(o, true, (aws, github) =>
    withWorkspace(writeWorkspace(o, moved, template()), (dir) => run('apply', aws, github, dir)),
  );
  const writes = iamWrites(m.log);
  rows.push({
    name: 'D 2,000 membership changes, apply',
    accounts: 100,
    users: USERS,
    m,
    note: `${writes.toLocaleString('en-US')} IAM writes; IAM allows them in ${(writes / MODEL.iamWritesPerSecond).toFixed(0)} s`,
  });
  return writes / MODEL.iamWritesPerSecond / m.seconds;
};

/** E: peak memory of a first-deployment plan at 500 accounts and 2,000 users. */
const caseE = async (rows: Row[]): Promise<number | undefined> => {
  const o = org(500, 2000);
  const m = await withOrg(o, false, (aws, github) =>
    withWorkspace(writeWorkspace(o, o.members, template()), (dir) => run('plan', aws, github, dir)),
  );
  rows.push({ name: 'E first deployment, plan', accounts: 500, users: 2000, m });
  return m.peakRssMb;
};

const printModel = (): void => {
  console.log('AWS model');
  console.log(
    `  IAM: ${MODEL.iamMs} ms per call; writes limited to ${MODEL.iamWritesPerSecond}/s (burst ${MODEL.iamWriteBurst}), beyond that answered with Throttling`,
  );
  console.log(`  CloudFormation and STS: ${MODEL.cfnMs} ms per call`);
  console.log(
    `  change set: ${MODEL.changeSetMs} ms to compute; stack operation: ${MODEL.stackOpMs} ms per phase`,
  );
  const action = readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8');
  const input = (name: string): string =>
    new RegExp(`\\n  ${name}:[\\s\\S]*?default: '([^']*)'`).exec(action)?.[1] ?? '?';
  console.log(
    `Action: default inputs (max-concurrency ${input('max-concurrency')}, iam-concurrency ${input('iam-concurrency')}), Node ${process.version}, ${cpus().length} cores`,
  );
  console.log(
    'Templates: 5 roles; users in 3 groups each; stacks and groups of B, C and D seeded as applied.',
  );
};

const printTable = (rows: readonly Row[]): void => {
  const header = [
    'case',
    'accounts',
    'users',
    'wall time (s)',
    'action CPU (s)',
    'emulator CPU (s)',
    'exit',
    'CreateChangeSet',
    'GetTemplate',
    'GetAccountAuthorizationDetails',
    'IAM writes',
    'Throttling answers',
    'peak RSS (MB)',
    'note',
  ];
  console.log(`\n| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const r of rows) {
    console.log(
      `| ${[
        r.name,
        String(r.accounts),
        r.users.toLocaleString('en-US'),
        r.m.seconds.toFixed(1),
        r.m.cpuSeconds.toFixed(1),
        r.m.emulatorCpuSeconds.toFixed(1),
        String(r.m.exitCode),
        String(count(r.m.log, 'CreateChangeSet')),
        String(count(r.m.log, 'GetTemplate')),
        String(count(r.m.log, 'GetAccountAuthorizationDetails')),
        String(iamWrites(r.m.log)),
        String(throttled(r.m.log)),
        r.m.peakRssMb.toFixed(0),
        r.note ?? '',
      ].join(' | ')} |`,
    );
  }
};

const figure = (value: number | undefined, digits = 2): string =>
  value === undefined ? 'n/a' : value.toFixed(digits);

const main = async (): Promise<void> => {
  printModel();
  const rows: Row[] = [];
  const a = CASES.has('A') ? await caseA(rows) : undefined;
  const b = CASES.has('B') ? await caseB(rows) : {};
  const c = CASES.has('C') ? await caseC(rows) : undefined;
  const d = CASES.has('D') ? await caseD(rows) : undefined;
  const e = CASES.has('E') ? await caseE(rows) : undefined;
  printTable(rows);
  console.log(
    `\nbench: a_plan_ratio=${figure(a)} b_changesets=${b.changeSets ?? 'n/a'} b_plan_ratio=${figure(b.ratio)} c_plan_ratio=${figure(c)} d_efficiency=${figure(d)} e_peak_rss_mb=${figure(e, 0)}`,
  );
};

await main();
