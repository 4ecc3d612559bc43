// `rolemodel sync_users [USERS]`: the original CLI's membership sync. Only the members of
// groups that exist change; no stack is read or touched, no policy written.
import { applyGroups } from '../../aws/iam/apply-groups.ts';
import { observeMaster } from '../../aws/iam/observe-master.ts';
import { hasErrors } from '../../core/diagnostics.ts';
import { MANAGED_GROUP_PATH } from '../../core/model.ts';
import { membershipPlan } from '../../core/plan/memberships.ts';
import { planOfFiles } from '../../core/plan/drift.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { renderGroupOutcomes, renderMembershipChanges } from '../../core/render/terminal/groups-report.ts';
import { adminSession } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { confirmed, humanOutput, note, printJson, showDiagnostics, validFiles, wantsJson } from './common.ts';

export const syncUsersCommand = async (ctx: CliContext): Promise<number> => {
  const { files, repository } = validFiles(ctx, ctx.request.operands[0]);
  const { config } = repository;
  const session = adminSession(ctx, files, repository);
  note(ctx, `Reading the master account ${config.masterAccountId}…`);
  const master = await observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  const whole = planOfFiles(repository, [], master);
  const diagnostics = whole.diagnostics.map((d) => ({ ...d, file: files.show(d.file) }));
  showDiagnostics(ctx, diagnostics);
  const sync = membershipPlan(whole);
  const human = humanOutput(ctx);
  const skipped = sync.skipped.map(
    (s) => `  ${human.style.yellow('skipped')} ${clean(s.group)}: ${clean(s.reason)}`,
  );
  const report = (outcomes: unknown): void => {
    if (wantsJson(ctx))
      printJson(ctx, { command: 'sync_users', groups: sync.groups, skipped: sync.skipped, outcomes });
  };
  if (hasErrors(diagnostics)) {
    ctx.err('The user map has errors; nothing was changed.\n');
    report([]);
    return EXIT.failed;
  }
  human.write(
    `${[
      human.style.bold(`Membership changes in ${sync.groups.length} group(s)`),
      ...renderMembershipChanges(sync.groups, human.style),
      ...skipped,
    ].join('\n')}\n`,
  );
  if (sync.groups.length === 0) {
    human.write('Members already match the user map.\n');
    report([]);
    return EXIT.ok;
  }
  if (!confirmed(ctx, `Change the members of ${sync.groups.length} group(s)?`)) {
    ctx.err('Not confirmed; nothing was changed. (--yes applies without asking.)\n');
    report([]);
    return EXIT.failed;
  }
  const outcomes = await applyGroups(session.masterIam, sync.groups, 8, () => undefined);
  report(outcomes);
  human.write(
    `${renderGroupOutcomes(
      outcomes.map((o) => ({ group: o.group, ok: o.ok, detail: o.ok ? `${o.calls} change(s)` : o.reason })),
      human.style,
    ).join('\n')}\n`,
  );
  return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.failed;
};
