// `rolemodel validate`: the files checked as the action checks them; no AWS access.
import { renderValidText } from '../../core/render/terminal/validate.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { DEFAULT_CONFIG, configGiven, loadFiles } from '../repository.ts';
import { printJson, showDiagnostics, wantsJson } from './common.ts';

export const validateCommand = async (ctx: CliContext): Promise<number> => {
  const files = loadFiles(ctx, configGiven(ctx) ?? DEFAULT_CONFIG);
  const valid = files.repository !== undefined;
  showDiagnostics(ctx, files.diagnostics);
  if (wantsJson(ctx))
    printJson(ctx, {
      command: 'validate',
      valid,
      diagnostics: files.diagnostics,
      desired: files.repository?.desired ?? null,
    });
  else if (files.repository !== undefined) ctx.out(renderValidText(files.repository.desired, ctx.style));
  return valid ? EXIT.ok : EXIT.failed;
};
