// `apply` end to end: the bundled dist/index.js run on a push to main, as a runner runs it,
// against the AWS emulator (master account + prod, staging, cdn). What a user sees is
// asserted: the exit code, the job summary, the outputs, and what AWS holds afterwards.
import {
  AddUserToGroupCommand,
  DeleteRoleCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { ACCOUNTS, MASTER, startScenario } from './scenario.ts';
import type { Scenario } from './scenario.ts';
import {
  ACCOUNT_NAMES,
  MANAGED_PATH,
  ROLES,
  SAMPLE_GROUPS,
  STACK_TRACE,
  accountRow,
  assumePolicy,
  byHand,
  convergedSampleState,
  countBy,
  deployedRoleArn,
  effectiveMutatingCalls,
  expectExit,
  groupRow,
  iamByHand,
  logOf,
  membersOf,
  mutatingCalls,
  normalPolicies,
  normalState,
  plainText,
  readJsonOutput,
  stackOf,
  until,
  whenLogHas,
  withoutFinanceRole,
} from './apply-helpers.ts';
import type { AccountName, ApplyJson, NormalState, PlanJson } from './apply-helpers.ts';

let s: Scenario;
beforeEach(async () => {
  s = await startScenario();
});
afterEach(async () => {
  await s.close();
});

/** Applies the samples to the empty organisation and checks that it worked. */
const baseline = async (): Promise<void> => {
  expectExit(await s.apply(), 0);
  expect(normalState(s.aws)).toEqual(convergedSampleState());
};

/** Stacks that still hold a change set nobody executed or deleted. */
const leftoverChangeSets = (): string[] =>
  ACCOUNT_NAMES.flatMap((a) =>
    (stackOf(s.aws, a)?.changeSets ?? [])
      .filter((c) => c.executionStatus === 'AVAILABLE' || c.status !== 'CREATE_COMPLETE')
      .map((c) => `${a}: ${c.name} ${c.status}/${c.executionStatus}`),
  );

/** A further apply finds nothing to do: no mutating call at all. */
const expectConverged = async (): Promise<void> => {
  const again = await s.apply();
  expectExit(again, 0);
  expect(countBy(mutatingCalls(logOf(again)))).toEqual({});
};

describe('dist/index.js apply (push to main)', () => {
  test('on an empty organisation: creates the 3 stacks and 12 groups, each allowing exactly its deployed role', async () => {
    expect(s.aws.iamState(MASTER).groups).toEqual([]);
    const result = await s.apply();
    expectExit(result, 0);

    for (const account of ACCOUNT_NAMES) {
      const stack = stackOf(s.aws, account);
      expect(stack?.status).toBe('CREATE_COMPLETE');
      expect(stack?.resources.filter((r) => r.type === 'AWS::IAM::Role').map((r) => r.logicalId)).toEqual(
        expect.arrayContaining([...ROLES]),
      );
      expect(accountRow(result.summary, account)).toMatch(
        /^\| ✅ \| `\w+` \| `\d{12}` \| create: CREATE_COMPLETE \|$/,
      );
    }

    const groups = s.aws.iamState(MASTER).groups;
    expect(groups.map((g) => g.name).sort()).toEqual([...SAMPLE_GROUPS].sort());
    const arns = new Set<string>();
    for (const group of groups) {
      const [account, role] = group.name.split('.') as [AccountName, string];
      // The role's ARN from the stack's physical resource id, in the right account.
      const physical = stackOf(s.aws, account)?.resources.find((r) => r.logicalId === role)?.physicalId;
      expect(physical).toMatch(new RegExp(`^RoleModel-${role}-`));
      const arn = `arn:aws:iam::${ACCOUNTS[account]}:role/${physical ?? '?'}`;
      expect(deployedRoleArn(s.aws, account, role)).toBe(arn);
      arns.add(arn);
      expect({
        path: group.path,
        members: [...group.members].sort(),
        policies: normalPolicies(group.policies),
        managedPolicyArns: group.managedPolicyArns,
      }).toEqual({
        path: MANAGED_PATH,
        members: membersOf(group.name),
        policies: { [`${group.name}-Policy`]: assumePolicy(arn) },
        managedPolicyArns: [],
      });
      expect(groupRow(result.summary, group.name)).toMatch(/^\| ✅ \|/);
    }
    expect(arns.size).toBe(12);

    expect(plainText(result.summary)).toContain('Applied: 3 stack(s) changed, 12 group(s) changed.');
    expect(result.outputs['has-changes']).toBe('true');
    const json = readJsonOutput<ApplyJson>(result);
    expect(json.command).toBe('apply');
    expect(json.plan.summary).toMatchObject({ stacksCreated: 3, groupsCreated: 12, membersAdded: 12 });
    expect(leftoverChangeSets()).toEqual([]);

    // The log is folded per account, then the master account, each saying what was done there.
    const folds = Object.fromEntries(result.groups.map((g) => [g.title, g.lines]));
    for (const account of ACCOUNT_NAMES)
      expect(folds[`${account} (${ACCOUNTS[account]})`]).toEqual(['create stack RoleModel: CREATE_COMPLETE']);
    const masterLines = folds[`master account (${MASTER})`] ?? [];
    expect(masterLines).toHaveLength(36);
    expect(masterLines).toContain('prod.AdminRole: create group');
  });

  test('is idempotent: a second apply makes zero mutating calls and says so', async () => {
    await baseline();
    const before = s.aws.iamState(MASTER);
    const second = await s.apply();
    expectExit(second, 0);

    expect(countBy(mutatingCalls(logOf(second)))).toEqual({});
    // It did look: each deployed template and its parameters, compared with the files, so
    // that no review change set was needed.
    expect(countBy(logOf(second).filter((e) => e.changeSet))).toEqual({});
    expect(countBy(logOf(second).filter((e) => e.operation === 'GetTemplate'))).toEqual({
      'cloudformation:GetTemplate': 3,
    });
    expect(s.aws.iamState(MASTER)).toEqual(before);
    expect(leftoverChangeSets()).toEqual([]);

    expect(plainText(second.summary)).toContain('No changes. AWS already matched the files.');
    expect(second.summary).toContain('No group changes.');
    for (const account of ACCOUNT_NAMES)
      expect(accountRow(second.summary, account)).toMatch(/⚪.*stack unchanged/);
    expect(second.outputs['has-changes']).toBe('false');
  });

  test('makes exactly the mutating calls the plan showed: one per membership, group and policy change', async () => {
    await baseline();
    // One user added (dave), one removed (bob), and FinanceRole dropped: its 3 groups go.
    s.write(
      'users.yml',
      [
        'prod:',
        '  AdminRole: [alice]',
        '  SuperUserRole: [bob]',
        '  ReadOnlyRole: [alice, carol]',
        'staging:',
        '  AdminRole: [alice, bob]',
        '  ReadOnlyRole: [carol, dave]',
        'cdn:',
        '  SuperUserRole: [carol]',
        '  ReadOnlyRole: [bob]',
        '',
      ].join('\n'),
    );
    s.edit('roles.yml', withoutFinanceRole);

    const planned = await s.plan();
    expectExit(planned, 0);
    expect(countBy(mutatingCalls(logOf(planned)))).toEqual({});
    const plan = readJsonOutput<PlanJson>(planned);
    const changing = plan.groups.filter((g) => g.action !== 'no-change');
    const plannedIamCalls =
      plan.summary.membersAdded +
      plan.summary.membersRemoved +
      plan.summary.groupsCreated +
      plan.summary.groupsDeleted +
      changing.reduce((n, g) => n + g.extraPolicies.length + (g.policy?.after ? 1 : 0), 0);
    // 1 add + 1 remove; per Finance group: its members removed, its policy and itself deleted.
    expect(plannedIamCalls).toBe(1 + 1 + (1 + 2) + (0 + 2) + (1 + 2));

    const applied = await s.apply();
    expectExit(applied, 0);
    expect(readJsonOutput<ApplyJson>(applied).plan.summary).toEqual(plan.summary);
    const calls = mutatingCalls(logOf(applied));
    expect(calls.filter((e) => e.service === 'iam')).toHaveLength(plannedIamCalls);
    expect(countBy(calls)).toEqual({
      'cloudformation:ExecuteChangeSet': 3,
      'iam:AddUserToGroup': 1,
      'iam:RemoveUserFromGroup': 3,
      'iam:DeleteGroupPolicy': 3,
      'iam:DeleteGroup': 3,
    });
    expect(calls.every((e) => e.status === 200)).toBe(true);

    for (const account of ACCOUNT_NAMES) {
      expect(accountRow(applied.summary, account)).toMatch(/✅.*update: UPDATE_COMPLETE/);
      expect(
        stackOf(s.aws, account)
          ?.resources.map((r) => r.logicalId)
          .sort(),
      ).toEqual(['AdminRole', 'ReadOnlyRole', 'SuperUserRole']);
    }
    const groups = normalState(s.aws).groups;
    expect(groups.map((g) => g.name)).toEqual(
      SAMPLE_GROUPS.filter((g) => !g.endsWith('.FinanceRole')).sort((a, b) => a.localeCompare(b)),
    );
    expect(groups.find((g) => g.name === 'prod.ReadOnlyRole')?.members).toEqual(['alice', 'carol']);
    expect(groups.find((g) => g.name === 'staging.ReadOnlyRole')?.members).toEqual(['carol', 'dave']);
    for (const name of ['prod.FinanceRole', 'staging.FinanceRole', 'cdn.FinanceRole'])
      expect(groupRow(applied.summary, name)).toMatch(/✅/);
    await expectConverged();
  });

  describe('is restartable: a run killed after k mutating calls is finished by the next run', () => {
    // The state an uninterrupted apply reaches, in a scenario of its own.
    let reference: NormalState;
    beforeAll(async () => {
      const fresh = await startScenario();
      try {
        expectExit(await fresh.apply(), 0);
        reference = normalState(fresh.aws);
      } finally {
        await fresh.close();
      }
    });

    test('the reference is the samples fully applied', () => {
      expect(reference).toEqual(convergedSampleState());
    });

    const cases: { name: string; k: number; which: 'mutating' | 'changeSet'; slowStacks?: boolean }[] = [
      { name: 'k=0: after the review change sets, before any change', k: 3, which: 'changeSet' },
      { name: 'k=1: stacks still creating when killed', k: 1, which: 'mutating', slowStacks: true },
      { name: 'k=5', k: 5, which: 'mutating' },
      { name: 'k=12', k: 12, which: 'mutating' },
      { name: 'k=20', k: 20, which: 'mutating' },
    ];
    test.each(cases)('$name', async ({ k, which, slowStacks }) => {
      if (slowStacks) s.aws.setStackOperationDelay(800);
      const killed = await s.apply({ killWhen: whenLogHas(s.aws, k, (e) => e[which]) });
      expect(killed.killedBy).toBe('killWhen');
      expect(killed.signal).toBe('SIGKILL');
      // The kill left work to do.
      expect(normalState(s.aws)).not.toEqual(reference);
      if (slowStacks)
        expect(ACCOUNT_NAMES.map((a) => stackOf(s.aws, a)?.status)).toContain('CREATE_IN_PROGRESS');

      const rerun = await s.apply();
      expectExit(rerun, 0);
      expect(normalState(s.aws)).toEqual(reference);
      expect(leftoverChangeSets()).toEqual([]);
      await expectConverged();
    });
  });

  test('a failed account does not stop the others; the next run recreates its ROLLBACK_COMPLETE stack', async () => {
    s.aws.failResource({ account: ACCOUNTS.prod, logicalId: 'AdminRole' });
    const failed = await s.apply();
    expectExit(failed, 1);

    const prod = stackOf(s.aws, 'prod');
    expect(prod?.status).toBe('ROLLBACK_COMPLETE');
    const cause = prod?.events.find((e) => e.status === 'CREATE_FAILED' && e.logicalId === 'AdminRole');
    expect(cause?.reason).toBeDefined();
    const prodRow = accountRow(failed.summary, 'prod');
    expect(prodRow).toMatch(/^\| ❌ \|/);
    expect(prodRow).toContain(cause?.reason ?? '?');
    expect(plainText(failed.summary)).toMatch(/1 account\(s\) failed/);
    const error = failed.annotations
      .filter((a) => a.severity === 'error')
      .map((a) => a.message)
      .join('\n');
    expect(error).toContain(`prod: AdminRole CREATE_FAILED: ${cause?.reason ?? '?'}`);
    expect(`${failed.stdout}${failed.stderr}`).not.toMatch(STACK_TRACE);

    // staging and cdn: deployed, and their groups synced.
    const expected = convergedSampleState();
    const state = normalState(s.aws);
    for (const account of ['staging', 'cdn'] as const) {
      expect(state.stacks[account]).toEqual(expected.stacks[account]);
      expect(accountRow(failed.summary, account)).toMatch(/✅.*create: CREATE_COMPLETE/);
    }
    expect(state.groups).toEqual(expected.groups.filter((g) => !g.name.startsWith('prod.')));
    // prod's groups: the role ARNs are unknown, so they are left as they are (not created).
    for (const role of ROLES) expect(groupRow(failed.summary, `prod.${role}`)).toMatch(/⏸️.*left as it is/);

    s.aws.clearResourceFailures();
    const rerun = await s.apply();
    expectExit(rerun, 0);
    expect(accountRow(rerun.summary, 'prod')).toMatch(/✅.*recreate: CREATE_COMPLETE/);
    const prodStacks = s.aws.stacks(ACCOUNTS.prod, { includeDeleted: true });
    expect(prodStacks.map((x) => x.status)).toEqual(['DELETE_COMPLETE', 'CREATE_COMPLETE']);
    expect(normalState(s.aws)).toEqual(expected);
    // Only prod was touched.
    const calls = mutatingCalls(logOf(rerun));
    expect(calls.filter((e) => e.service === 'cloudformation').map((e) => [e.account, e.operation])).toEqual([
      [ACCOUNTS.prod, 'DeleteStack'],
      [ACCOUNTS.prod, 'ExecuteChangeSet'],
    ]);
    expect(countBy(calls.filter((e) => e.service === 'iam'))).toEqual({
      'iam:CreateGroup': 4,
      'iam:PutGroupPolicy': 4,
      'iam:AddUserToGroup': membersOf('prod.AdminRole').length + 5,
    });
    await expectConverged();
  });

  test('touches only groups under /RoleModel/: deletes a stale one, leaves the others alone', async () => {
    await baseline();
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    s.aws.seed({
      accounts: {
        [MASTER]: {
          groups: [
            { name: 'Admins', members: ['alice', 'bob'], policies: { AdminsPolicy: policy } },
            {
              name: 'prod.AdminRole-legacy',
              path: '/other/',
              members: ['carol'],
              policies: { 'prod.AdminRole-legacy-Policy': policy },
            },
            {
              name: 'old.AdminRole',
              path: MANAGED_PATH,
              members: ['dave'],
              policies: { 'old.AdminRole-Policy': policy },
            },
          ],
        },
      },
    });
    const unmanaged = () =>
      s.aws.iamState(MASTER).groups.filter((g) => g.name === 'Admins' || g.name === 'prod.AdminRole-legacy');
    const before = unmanaged();
    expect(before).toHaveLength(2);

    const result = await s.apply();
    expectExit(result, 0);
    expect(unmanaged()).toEqual(before);
    expect(s.aws.iamState(MASTER).groups.find((g) => g.name === 'old.AdminRole')).toBeUndefined();
    const names = new Set(before.map((g) => g.name));
    expect(normalState(s.aws).groups.filter((g) => !names.has(g.name))).toEqual(
      convergedSampleState().groups,
    );
    // Users are never deleted.
    expect(
      s.aws
        .iamState(MASTER)
        .users.map((u) => u.name)
        .sort(),
    ).toEqual(['alice', 'bob', 'carol', 'dave']);
    // Exactly the stale group's three calls, nothing else.
    expect(countBy(mutatingCalls(logOf(result)))).toEqual({
      'iam:RemoveUserFromGroup': 1,
      'iam:DeleteGroupPolicy': 1,
      'iam:DeleteGroup': 1,
    });
    expect(groupRow(result.summary, 'old.AdminRole')).toMatch(/✅/);
    expect(result.summary).not.toContain('Admins');
    expect(result.summary).not.toContain('legacy');
  });

  test('converges through throttling, 5xx and dropped connections, applying each change once', async () => {
    // 30% of every call throttled for the whole run, 5% answered with a 5xx, two connections
    // dropped. The SDK's adaptive retry mode slows each client once it is throttled, so this run
    // takes about a minute: the price of not hammering a throttled account.
    s.aws.setThrottling(0.3);
    s.aws.setServerErrors(0.05);
    s.aws.setDroppedConnections(0.05, { count: 2 });
    const result = await s.apply({ timeoutMs: 270_000 });
    expectExit(result, 0);
    const faults = logOf(result).filter((e) => e.fault !== undefined);
    expect(faults.filter((e) => e.fault === 'throttle').length).toBeGreaterThan(0);
    expect(faults.filter((e) => e.fault === 'server-error').length).toBeGreaterThan(0);

    expect(normalState(s.aws)).toEqual(convergedSampleState());
    // Every change went through once: what a run without faults does (3 stacks, 12 groups,
    // their 12 policies and 12 memberships).
    expect(countBy(effectiveMutatingCalls(logOf(result)))).toEqual({
      'cloudformation:ExecuteChangeSet': 3,
      'iam:CreateGroup': 12,
      'iam:PutGroupPolicy': 12,
      'iam:AddUserToGroup': 12,
    });
    s.aws.clearFaults();
    await expectConverged();
  }, 300_000);

  test('two applies started together end converged, or the loser fails cleanly and a rerun converges', async () => {
    // A bounded wait: a run that loses the race can otherwise wait for a deleted change set
    // until ROLEMODEL_MAX_WAIT_SECONDS (default 1800 s); the next test pins that bug down.
    const env = { ROLEMODEL_MAX_WAIT_SECONDS: '10' };
    const runs = await Promise.all([s.apply({ env }), s.apply({ env, run: { runId: '1000000002' } })]);
    for (const run of runs) {
      expect(run.signal).toBeNull();
      expect([0, 1]).toContain(run.exitCode);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE);
      if (run.exitCode === 1) {
        const errors = run.annotations.filter((a) => a.severity === 'error').map((a) => a.message);
        expect(errors.join('\n')).toMatch(/Apply finished with failures:\n\w+: \S/);
        expect(plainText(run.summary)).toContain('❌ Apply finished with problems');
      }
    }
    if (runs.some((r) => r.exitCode !== 0)) expectExit(await s.apply(), 0);
    expect(normalState(s.aws)).toEqual(convergedSampleState());
    expect(s.aws.internalErrors()).toEqual([]);
    await expectConverged();
  });

  // The SDK waiter alone would keep polling a change set that a concurrent apply's
  // ExecuteChangeSet deleted (CloudFormation deletes a stack's other change sets), until
  // ROLEMODEL_MAX_WAIT_SECONDS; the review treats the missing set as final instead.
  test('an apply whose review change set a concurrent apply deleted fails at once, not after the max wait', async () => {
    // Run A's review change sets take 10 s; B's are made meanwhile (the test waits for them,
    // however slow the machine is to start B) and would take 60 s, so A executes first, which
    // deletes B's sets while B is waiting for them.
    s.aws.setChangeSetDelay(10_000);
    let aEnded = 0;
    let bEnded = 0;
    const a = s.apply().then((r) => ((aEnded = Date.now()), r));
    await until(() => ACCOUNT_NAMES.every((x) => (stackOf(s.aws, x)?.changeSets.length ?? 0) > 0));
    s.aws.setChangeSetDelay(60_000);
    const b = s
      .apply({ run: { runId: '1000000002' }, env: { ROLEMODEL_MAX_WAIT_SECONDS: '90' }, timeoutMs: 120_000 })
      .then((r) => ((bEnded = Date.now()), r));
    await until(() => ACCOUNT_NAMES.every((x) => (stackOf(s.aws, x)?.changeSets.length ?? 0) > 1), 8_000);
    const [first, second] = await Promise.all([a, b]);
    expectExit(first, 0);
    const created = logOf(second).filter((e) => e.operation === 'CreateChangeSet');
    expect(created.map((e) => [e.account, e.status])).toEqual(
      expect.arrayContaining(Object.values(ACCOUNTS).map((id) => [id, 200])),
    );
    expect(`${second.stdout}${second.stderr}`).not.toMatch(STACK_TRACE);
    expect([0, 1]).toContain(second.exitCode);
    // B stops soon after A executed (its sets vanished then), far from its 90 s limit, and says why.
    expect(bEnded - aEnded).toBeLessThan(8_000);
    expect(second.exitCode).toBe(1);
    expect(second.annotations.map((x) => x.message).join('\n')).toMatch(
      /was deleted while CloudFormation computed it: another run/,
    );
    s.aws.setChangeSetDelay(5);
    expectExit(await s.apply(), 0);
    expect(normalState(s.aws)).toEqual(convergedSampleState());
  }, 150_000);

  // The SDK's stack waiters poll again after any error but ValidationError, so credentials
  // that stop working (a deployer role deleted, or losing cloudformation:DescribeStacks) would
  // keep a run polling until ROLEMODEL_MAX_WAIT_SECONDS; such an error ends the wait instead.
  // Expired sessions alone are cured (fetched again once); here the roles are gone as well.
  test('an error that waiting cannot cure ends the wait for a stack at once and is reported', async () => {
    s.aws.setStackOperationDelay(3_000);
    const started = Date.now();
    const run = s.apply({ env: { ROLEMODEL_MAX_WAIT_SECONDS: '60' }, timeoutMs: 90_000 });
    await until(() => ACCOUNT_NAMES.every((x) => stackOf(s.aws, x)?.status === 'CREATE_IN_PROGRESS'));
    for (const account of ACCOUNT_NAMES)
      await iamByHand(s.aws, account, (iam) =>
        iam.send(new DeleteRoleCommand({ RoleName: 'rolemodel-deployer' })),
      );
    s.aws.expireTemporaryCredentials();
    const result = await run;
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.exitCode).toBe(1);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(STACK_TRACE);
    for (const account of ACCOUNT_NAMES)
      expect(accountRow(result.summary, account)).toMatch(
        /^\| ❌ \| .* \| CredentialError: Could not assume arn:aws:iam::\d{12}:role\/rolemodel-deployer .*\(AccessDenied: .*\|$/,
      );
    expect(plainText(result.summary)).not.toContain('Timed out');
  }, 120_000);

  test('repairs drift: hand-made members, removals and policy edits are put back as the files say', async () => {
    await baseline();
    await byHand(s.aws, async (iam) => {
      await iam.send(new AddUserToGroupCommand({ GroupName: 'prod.AdminRole', UserName: 'dave' }));
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'staging.AdminRole', UserName: 'bob' }));
      await iam.send(
        new PutGroupPolicyCommand({
          GroupName: 'cdn.ReadOnlyRole',
          PolicyName: 'cdn.ReadOnlyRole-Policy',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          }),
        }),
      );
      await iam.send(
        new PutGroupPolicyCommand({
          GroupName: 'cdn.ReadOnlyRole',
          PolicyName: 'extra',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
          }),
        }),
      );
    });
    expect(normalState(s.aws)).not.toEqual(convergedSampleState());

    const result = await s.apply();
    expectExit(result, 0);
    expect(normalState(s.aws)).toEqual(convergedSampleState());
    expect(countBy(mutatingCalls(logOf(result)))).toEqual({
      'iam:RemoveUserFromGroup': 1,
      'iam:AddUserToGroup': 1,
      'iam:PutGroupPolicy': 1,
      'iam:DeleteGroupPolicy': 1,
    });
    const summary = readJsonOutput<ApplyJson>(result).plan.summary;
    expect(summary).toMatchObject({ membersAdded: 1, membersRemoved: 1 });
    for (const group of ['prod.AdminRole', 'staging.AdminRole', 'cdn.ReadOnlyRole'])
      expect(groupRow(result.summary, group)).toMatch(/✅/);
    await expectConverged();
  });
});
