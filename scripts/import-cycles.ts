// Import cycles between the project's own modules, type-only imports included: a cycle means
// two modules that cannot be understood (or moved) apart. Pure over the files' texts, so a
// test can plant a cycle; `check-import-cycles.ts` runs it over src/ in `npm run lint`.
import { dirname, join, normalize } from 'node:path';

/** `import … from './x.ts'`, `export … from '../y.ts'`, `import './z.ts'`, dynamic `import('./w.ts')`. */
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/g;

/** The relative imports of one file, as paths like the keys of `files`. */
export const importsOf = (file: string, text: string): string[] =>
  [...text.matchAll(SPECIFIER)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => normalize(join(dirname(file), spec)));

/**
 * Every cycle, each once, as the list of files around it (starting from its smallest path).
 * Tarjan's strongly connected components: a component of more than one file, or a file that
 * imports itself, is a cycle; one path through it is reported.
 */
export const findCycles = (files: ReadonlyMap<string, string>): string[][] => {
  const edges = new Map(
    [...files].map(([file, text]) => [file, importsOf(file, text).filter((t) => files.has(t))]),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop() ?? file;
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    const selfLoop = (edges.get(file) ?? []).includes(file);
    if (component.length > 1 || selfLoop) cycles.push(cycleThrough(component, edges));
  };
  for (const file of [...files.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
};

/** One closed path through a strongly connected component, from its smallest file. */
const cycleThrough = (
  component: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): string[] => {
  const members = new Set(component);
  const start = [...component].sort()[0] ?? '';
  const path = [start];
  const seen = new Set([start]);
  let current = start;
  for (;;) {
    const next = (edges.get(current) ?? []).filter((n) => members.has(n));
    const back = next.find((n) => n === start);
    const onward = next.find((n) => !seen.has(n));
    if (back !== undefined && (onward === undefined || path.length === members.size)) return [...path, start];
    if (onward === undefined) return [...path, back ?? start];
    path.push(onward);
    seen.add(onward);
    current = onward;
  }
};
