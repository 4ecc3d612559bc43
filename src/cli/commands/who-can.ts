// `rolemodel who-can <action>`: which roles allow it where, by the template's statements, and
// who holds them by the user map.
import { ACTION_NAME, whoCan } from '../../core/access/who-can.ts';
import { renderWhoCanText } from '../../core/render/terminal/who-can.ts';
import { didYouMean } from '../../core/suggest.ts';
import { UsageError } from '../args.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { printJson, validFiles, wantsJson } from './common.ts';

export const whoCanCommand = async (ctx: CliContext): Promise<number> => {
  const [action, extra] = ctx.request.operands;
  if (action === undefined)
    throw new UsageError('who-can needs an action, e.g. rolemodel who-can iam:CreateUser.', 'who-can');
  if (extra !== undefined)
    throw new UsageError(`unexpected "${extra}": who-can takes one action.`, 'who-can');
  if (!ACTION_NAME.test(action))
    throw new UsageError(
      `"${action}" is not one action; write service:Action without wildcards, e.g. s3:GetObject.`,
      'who-can',
    );
  const { repository } = validFiles(ctx);
  const options = ctx.request.options;
  const account = typeof options.account === 'string' ? options.account : undefined;
  const names = repository.config.accounts.map((a) => a.name);
  if (account !== undefined && !names.includes(account))
    throw new UsageError(
      `--account "${account}" is not in ${repository.config.file}.${didYouMean(account, names)} Its accounts: ${names.join(', ')}.`,
      'who-can',
    );
  const answer = whoCan(repository, {
    action,
    ...(account === undefined ? {} : { account }),
    ...(typeof options.resource === 'string' ? { resource: options.resource } : {}),
  });
  if (wantsJson(ctx)) printJson(ctx, { command: 'who-can', ...answer });
  else ctx.out(renderWhoCanText(answer, ctx.style));
  return EXIT.ok;
};
