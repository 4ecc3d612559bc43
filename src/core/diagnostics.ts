// Errors as values: every problem found in a user's files carries the file and the
// 1-based line and column it concerns, and a hint that says what to write instead.

export type Severity = 'error' | 'warning' | 'notice';

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface Diagnostic extends Position {
  readonly severity: Severity;
  readonly message: string;
  /** What to write instead; appended to the message when shown. */
  readonly hint?: string;
  /**
   * A warning a reviewer must not miss: the plan shows it at the top, next to the escalation
   * warnings, where it is never folded or cut.
   */
  readonly prominent?: boolean;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export const error = (at: Position, message: string, hint?: string): Diagnostic => ({
  ...at,
  severity: 'error',
  message,
  ...(hint === undefined ? {} : { hint }),
});

export const warning = (at: Position, message: string, hint?: string): Diagnostic => ({
  ...at,
  severity: 'warning',
  message,
  ...(hint === undefined ? {} : { hint }),
});

export const notice = (at: Position, message: string, hint?: string): Diagnostic => ({
  ...at,
  severity: 'notice',
  message,
  ...(hint === undefined ? {} : { hint }),
});

export const countErrors = (diagnostics: readonly Diagnostic[]): number =>
  diagnostics.filter((d) => d.severity === 'error').length;

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorted by file, then line, then column, so that output is stable. */
export const sortDiagnostics = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  [...diagnostics].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
