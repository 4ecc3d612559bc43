// Problems in the files become GitHub annotations on the exact line of the diff.
import * as core from '@actions/core';
import type { Diagnostic } from '../core/diagnostics.ts';

export const annotate = (diagnostics: readonly Diagnostic[]): void => {
  for (const d of diagnostics) {
    const properties: core.AnnotationProperties = {
      title: 'RoleModel',
      file: d.file,
      startLine: d.line,
      startColumn: d.column,
      // GitHub drops columns on multi-line annotations; keep them only for one-line ranges.
      ...(d.endLine === d.line && d.endColumn !== undefined
        ? { endLine: d.line, endColumn: d.endColumn }
        : {}),
    };
    const text = d.hint === undefined ? d.message : `${d.message}\n${d.hint}`;
    if (d.severity === 'error') core.error(text, properties);
    else if (d.severity === 'warning') core.warning(text, properties);
    else core.notice(text, properties);
  }
};
