// `rolemodel explain <account>.<role>`: what a role can do and who holds it, from the files.
import { explainRole } from '../../core/access/explain.ts';
import { resolveTarget } from '../../core/access/targets.ts';
import { renderExplanationText } from '../../core/render/terminal/explain.ts';
import { UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';
import { CliError, EXIT } from '../context.ts';
import { printJson, validFiles, wantsJson } from './common.ts';

export const explainCommand = async (ctx: CliContext): Promise<number> => {
  const [name, extra] = ctx.request.operands;
  if (name === undefined)
    throw new UsageError('explain needs a role: rolemodel explain <account>.<role>.', 'explain');
  if (extra !== undefined) throw new UsageError(`unexpected "${extra}": explain takes one role.`, 'explain');
  const { files, repository } = validFiles(ctx);
  const resolved = resolveTarget(repository, name, true);
  if (!resolved.ok) throw new CliError(resolved.message);
  const explained = explainRole(repository, resolved.target);
  const { template, users, teams } = explained.sources;
  const explanation = {
    ...explained,
    sources: {
      template: files.show(template),
      users: users === undefined ? undefined : files.show(users),
      ...(teams === undefined ? {} : { teams: files.show(teams) }),
    },
  };
  if (wantsJson(ctx)) printJson(ctx, { command: 'explain', ...explanation });
  else ctx.out(renderExplanationText(explanation, ctx.style));
  return EXIT.ok;
};
