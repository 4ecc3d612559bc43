// `expire`, the scheduled run on the default branch: removes the memberships whose grant has
// ended (and, with `repair-drift`, members added by hand), nothing else, ever; then plans the
// default branch against AWS for the drift issue, and lists the grants that end soon. The
// publisher opens, updates or closes the issue from the report.
import { errorText } from '../aws/error-text.ts';
import { applyGroups } from '../aws/iam/apply-groups.ts';
import { observeMaster } from '../aws/iam/observe-master.ts';
import { observe } from '../aws/observe.ts';
import { observeOptions } from '../aws/wait-timing.ts';
import type { AwsSession } from '../aws/session.ts';
import { byText } from '../core/collections.ts';
import { hasErrors } from '../core/diagnostics.ts';
import { MANAGED_GROUP_PATH } from '../core/model.ts';
import type { ObservedMaster } from '../core/observed.ts';
import { differs, planOfFiles } from '../core/plan/drift.ts';
import { narrowingPlan } from '../core/plan/narrowing.ts';
import type { GroupPlan } from '../core/plan/types.ts';
import { plural } from '../core/render/markdown.ts';
import type { ExpireRun, MembershipRemoved, RunReport } from '../core/report/types.ts';
import { expiringGrants } from '../core/users/expiring.ts';
import type { RunContext } from '../run-context.ts';
import { prepare } from './prepare.ts';
import type { Services } from './services.ts';

/** The IAM calls of the master account run a few groups at a time (never more than the accounts' bound). */
const IAM_GROUP_CONCURRENCY = 8;

/** Removes the narrowing plan's members; the master account as it is afterwards. */
const narrow = async (
  session: AwsSession,
  masterAccountId: string,
  groups: readonly GroupPlan[],
  context: RunContext,
  services: Services,
): Promise<{ master: ObservedMaster | undefined; mutatingCalls: number; failures: Map<string, string> }> => {
  if (groups.length === 0) return { master: undefined, mutatingCalls: 0, failures: new Map() };
  const lines: string[] = [];
  const outcomes = await applyGroups(
    session.masterIam,
    groups,
    Math.min(IAM_GROUP_CONCURRENCY, context.inputs.maxConcurrency),
    (line) => lines.push(line),
  );
  services.log.fold('Removing memberships', lines);
  const failures = new Map(outcomes.flatMap((o) => (o.ok ? [] : [[o.group, o.reason] as const])));
  // Read again: what was really removed, and the state the drift issue describes.
  const master = await observeMaster(session.masterIam, masterAccountId, MANAGED_GROUP_PATH);
  return { master, mutatingCalls: outcomes.reduce((n, o) => n + o.calls, 0), failures };
};

/** Each planned removal, done when the member is no longer in the group. */
const removalsOf = (
  groups: readonly GroupPlan[],
  master: ObservedMaster | undefined,
  failures: ReadonlyMap<string, string>,
): MembershipRemoved[] =>
  [...groups]
    .sort((a, b) => byText(a.name, b.name))
    .flatMap((group) =>
      group.membersToRemove.map((r): MembershipRemoved => {
        const still = master?.groups.find((g) => g.name === group.name)?.members.includes(r.userName) ?? true;
        return {
          group: group.name,
          userName: r.userName,
          origin: r.origin,
          state: still ? 'failed' : 'done',
          ...(still ? { detail: failures.get(group.name) ?? 'still a member after the run' } : {}),
        };
      }),
    );

const verdict = (
  report: Pick<ExpireRun, 'removed' | 'differs' | 'plan'>,
): { failed: boolean; headline: string } => {
  const failed = report.removed.filter((r) => r.state === 'failed');
  const done = report.removed.length - failed.length;
  const state = report.differs ? 'AWS differs from the default branch.' : 'AWS matches the default branch.';
  if (failed.length > 0)
    return {
      failed: true,
      headline: [
        `Removed ${plural(done, 'membership')}; ${failed.length} could not be removed. ${state}`,
        ...failed.map((f) => `${f.group}: ${f.userName}: ${f.detail ?? ''}`),
      ].join('\n'),
    };
  if (hasErrors(report.plan.diagnostics))
    return {
      failed: true,
      headline: `Removed ${plural(done, 'membership')}. The default branch's plan has errors. ${state}`,
    };
  return { failed: false, headline: `Removed ${plural(done, 'membership')}. ${state}` };
};

export const expireCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const prepared = prepare('expire', context, services);
  if (!prepared.ok) return prepared.report;
  const { repository, session, diagnostics } = prepared;
  const { timing, inputs } = context;
  let observation;
  try {
    observation = await services.log.group('Reading AWS', () =>
      observe(
        repository,
        session,
        observeOptions(timing, 'plan', inputs.maxConcurrency, {
          warn: (message) => services.log.warning(message),
        }),
      ),
    );
  } catch (e) {
    const error = e instanceof Error ? e.message : errorText(e);
    return { kind: 'expire', outcome: 'aws-unreadable', error, failed: true, headline: error, diagnostics };
  }
  const before = planOfFiles(repository, observation.accounts, observation.master, {
    ownBase: true,
    accessReview: true,
  });
  const groups = narrowingPlan(before.groups, { repairDrift: inputs.repairDrift });
  const narrowed = await narrow(session, repository.config.masterAccountId, groups, context, services);
  const after = planOfFiles(repository, observation.accounts, narrowed.master ?? observation.master, {
    ownBase: true,
    accessReview: true,
  });
  const run: ExpireRun = {
    at: context.now.toISOString(),
    repairDrift: inputs.repairDrift,
    removed: removalsOf(groups, narrowed.master, narrowed.failures),
    mutatingCalls: narrowed.mutatingCalls,
    plan: after,
    differs: differs(after),
    expiringWithin: inputs.expiringWithin,
    expiring: expiringGrants(repository.desired, inputs.expiringWithin),
    sha: context.sha,
    runUrl: context.runUrl,
  };
  return {
    kind: 'expire',
    outcome: 'expired',
    ...run,
    ...verdict(run),
    diagnostics: [...diagnostics, ...after.diagnostics],
  };
};
