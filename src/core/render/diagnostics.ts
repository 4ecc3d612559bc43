// Problems found in the files, as Markdown for the job summary and the plan comment.
import { countErrors } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { cellCode, escapeMarkdown } from './escape.ts';

const icon = (d: Diagnostic): string =>
  d.severity === 'error' ? '❌' : d.severity === 'warning' ? '⚠️' : 'ℹ️';

export const renderDiagnostics = (diagnostics: readonly Diagnostic[]): string => {
  if (diagnostics.length === 0) return '';
  const errors = countErrors(diagnostics);
  const warnings = diagnostics.length - errors;
  const counts = [
    errors ? `${errors} error${errors > 1 ? 's' : ''}` : '',
    warnings ? `${warnings} warning${warnings > 1 ? 's' : ''}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const rows = diagnostics.map(
    (d) =>
      `| ${icon(d)} | ${cellCode(`${d.file}:${d.line}:${d.column}`)} | ${escapeMarkdown(d.message)}${d.hint ? `<br>${escapeMarkdown(d.hint)}` : ''} |`,
  );
  return [
    `### The files have problems: ${counts}`,
    '',
    '| | Where | What to fix |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
};
