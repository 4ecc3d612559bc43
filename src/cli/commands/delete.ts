// `rolemodel delete`: the stack in every account and every group under /RoleModel/, after the
// stack name is typed (or given with --confirm). IAM users stay.
import { observeMaster } from '../../aws/iam/observe-master.ts';
import { tearDown } from '../../aws/teardown.ts';
import { MANAGED_GROUP_PATH } from '../../core/model.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { renderGroupOutcomes } from '../../core/render/terminal/groups-report.ts';
import { adminSession, concurrencyOf, timingOf } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { humanOutput, printJson, validFiles, wantsJson } from './common.ts';

export const deleteCommand = async (ctx: CliContext): Promise<number> => {
  const { files, repository } = validFiles(ctx);
  const { config } = repository;
  const session = adminSession(ctx, files, repository);
  const master = await observeMaster(session.masterIam, config.masterAccountId, MANAGED_GROUP_PATH);
  const human = humanOutput(ctx);
  human.write(
    `${[
      human.style.bold(
        human.style.red(
          clean(`This deletes stack ${config.stackName} from ${config.accounts.length} account(s)`),
        ),
      ),
      ...config.accounts.map((a) => `  ${clean(`${a.name} (${a.accountId})`)}`),
      human.style.bold(
        human.style.red(
          clean(
            `and ${master.groups.length} group(s) under ${MANAGED_GROUP_PATH} in the master account ${config.masterAccountId}`,
          ),
        ),
      ),
      ...master.groups.map(
        (g) => `  ${clean(g.name)}${g.members.length > 0 ? clean(` (${g.members.join(', ')})`) : ''}`,
      ),
    ].join('\n')}\n`,
  );
  const given = ctx.request.options.confirm;
  const typed =
    typeof given === 'string'
      ? given
      : ctx.ask(`Type the stack name (${clean(config.stackName)}) to delete it: `)?.trim();
  if (typed !== config.stackName) {
    ctx.err(
      `Refusing to delete: the stack name ${config.stackName} was not ${typeof given === 'string' ? 'given' : 'typed'}. Nothing was changed.\n`,
    );
    return EXIT.failed;
  }
  const timing = timingOf(ctx);
  const result = await tearDown(
    config,
    session,
    { accounts: concurrencyOf(ctx), iam: 8 },
    { maxWaitSeconds: timing.applyWaitSeconds, pollDelayMs: timing.pollDelayMs },
    {
      account: (line) => human.write(`${clean(line)}\n`),
      section: () => undefined,
    },
  );
  if (wantsJson(ctx))
    printJson(ctx, {
      command: 'delete',
      stacks: result.stacks.map((s) => ({ account: s.account.name, ...s.result })),
      groups: result.groups,
    });
  else if (result.groups.length > 0)
    ctx.out(
      `${renderGroupOutcomes(
        result.groups.map((g) => ({ group: g.group, ok: g.ok, detail: g.ok ? 'deleted' : g.reason })),
        ctx.style,
      ).join('\n')}\n`,
    );
  const failed = result.stacks.some((s) => !s.result.ok) || result.groups.some((g) => !g.ok);
  human.write(failed ? 'Delete finished with failures; fix them and run it again.\n' : 'Deleted.\n');
  return failed ? EXIT.failed : EXIT.ok;
};
