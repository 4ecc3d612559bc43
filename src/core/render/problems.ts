// Problems in the files and found while planning, shown before the plan. When there are
// too many for the comment, the first ones are shown and the rest counted.
import { sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { renderDiagnostics } from './diagnostics.ts';
import { plural } from './markdown.ts';
import { countText } from '../numbers.ts';

/** Validation and plan diagnostics, once each, in file order. */
export const mergeDiagnostics = (...lists: readonly (readonly Diagnostic[])[]): Diagnostic[] => {
  const seen = new Set<string>();
  const key = (d: Diagnostic): string =>
    JSON.stringify([d.file, d.line, d.column, d.severity, d.message, d.hint]);
  const unique = lists.flat().filter((d) => {
    const k = key(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return sortDiagnostics(unique);
};

const firstOf = (diagnostics: readonly Diagnostic[], shown: number): string => {
  const rest = `_Showing ${countText(shown)} of ${plural(diagnostics.length, 'problem')}; all of them are annotated on their files and listed in the job summary._`;
  if (shown === 0) return rest;
  return `${renderDiagnostics(diagnostics.slice(0, shown)).trimEnd()}\n\n${rest}`;
};

/** The problems block, as long as it can be within `budget`; empty when not even a line fits. */
export const renderProblems = (diagnostics: readonly Diagnostic[], budget = Infinity): string => {
  const full = renderDiagnostics(diagnostics).trimEnd();
  if (full.length <= budget) return full;
  // The text grows with the number of rows shown: find the most that fit.
  let low = 0;
  let high = diagnostics.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (firstOf(diagnostics, middle).length <= budget) low = middle;
    else high = middle - 1;
  }
  const text = firstOf(diagnostics, low);
  return text.length <= budget ? text : '';
};
