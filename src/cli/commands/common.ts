// Steps every administrator's command shares: read the files (problems printed as
// file:line:column), say things to the person, print JSON, ask before changing anything.
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { Repository } from '../../core/load-repository.ts';
import { diagnosticCounts, renderDiagnosticLines } from '../../core/render/terminal/diagnostics.ts';
import type { Style } from '../../core/render/terminal/style.ts';
import type { CliContext } from '../context.ts';
import { CliError } from '../context.ts';
import { DEFAULT_CONFIG, configGiven, loadFiles } from '../repository.ts';
import type { LoadedFiles } from '../repository.ts';

export const wantsJson = (ctx: CliContext): boolean => ctx.request.options.json === true;

/** Where text for people goes: standard output, or standard error when it carries JSON. */
export const humanOutput = (ctx: CliContext): { write: (text: string) => void; style: Style } =>
  wantsJson(ctx)
    ? { write: (t) => ctx.err(t), style: ctx.errStyle }
    : { write: (t) => ctx.out(t), style: ctx.style };

export const printJson = (ctx: CliContext, document: unknown): void =>
  ctx.out(`${JSON.stringify(document, null, 2)}\n`);

export const showDiagnostics = (ctx: CliContext, diagnostics: readonly Diagnostic[]): void => {
  if (diagnostics.length === 0) return;
  ctx.err(`${renderDiagnosticLines(diagnostics, ctx.errStyle).join('\n')}\n`);
};

/** Progress for a person watching a terminal; nothing in a pipe or a log. */
export const note = (ctx: CliContext, text: string): void => {
  if (ctx.chatty) ctx.err(`${ctx.errStyle.dim(text)}\n`);
};

export interface ValidFiles {
  readonly files: LoadedFiles;
  readonly repository: Repository;
}

/** The files, valid: or their problems printed and the command failed. */
export const validFiles = (ctx: CliContext, usersOverride?: string): ValidFiles => {
  const files = loadFiles(ctx, configGiven(ctx) ?? DEFAULT_CONFIG, usersOverride);
  showDiagnostics(ctx, files.diagnostics);
  if (files.repository === undefined)
    throw new CliError(`${diagnosticCounts(files.diagnostics)} in the RoleModel files; nothing was done.`);
  return { files, repository: files.repository };
};

/** Yes from --yes, or typed; anything else (or no input) is no. */
export const confirmed = (ctx: CliContext, question: string): boolean => {
  if (ctx.request.options.yes === true) return true;
  const answer = ctx.ask(`${question} Type yes to continue: `);
  return answer !== undefined && ['yes', 'y'].includes(answer.trim().toLowerCase());
};
