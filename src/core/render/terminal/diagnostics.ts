// Problems in the files as a compiler prints them: `file:line:column: error: message hint`,
// one line each, so that editors and terminals can jump to the place.
import { countErrors } from '../../diagnostics.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';

export const renderDiagnosticLine = (d: Diagnostic, style: Style): string => {
  const label =
    d.severity === 'error'
      ? style.red('error')
      : d.severity === 'warning'
        ? style.yellow('warning')
        : style.cyan('notice');
  const text = d.hint === undefined ? d.message : `${d.message} ${d.hint}`;
  return `${style.bold(clean(`${d.file}:${d.line}:${d.column}`))}: ${label}: ${clean(text)}`;
};

export const renderDiagnosticLines = (diagnostics: readonly Diagnostic[], style: Style): string[] =>
  diagnostics.map((d) => renderDiagnosticLine(d, style));

/** `2 errors, 1 warning`; empty when there is nothing. */
export const diagnosticCounts = (diagnostics: readonly Diagnostic[]): string => {
  const errors = countErrors(diagnostics);
  const others = diagnostics.length - errors;
  return [
    errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    others > 0 ? `${others} warning${others === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
};
