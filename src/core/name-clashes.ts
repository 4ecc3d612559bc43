// IAM names are unique without regard to letter case: `Prod` and `prod` are one name to IAM,
// so two accounts or two roles written that way would share one group (and its members).
// Every name of a clash is an error at its own line, so that neither one looks fine alone.
import { error } from './diagnostics.ts';
import type { Diagnostic, Position } from './diagnostics.ts';

export interface NameAt {
  readonly name: string;
  readonly position: Position;
}

/** Groups of two or more names that IAM takes for one, each group in the order written. */
export const sameToIam = (items: readonly NameAt[]): NameAt[][] => {
  const byKey = new Map<string, NameAt[]>();
  for (const item of items) {
    const key = item.name.toLowerCase();
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  return [...byKey.values()].filter((group) => group.length > 1);
};

const where = (of: NameAt, from: NameAt): string =>
  of.position.file === from.position.file
    ? `line ${of.position.line}`
    : `${of.position.file}:${of.position.line}`;

const elsewhere = (item: NameAt, others: readonly NameAt[]): string =>
  others.map((o) => (o.name === item.name ? where(o, item) : `${where(o, item)} as "${o.name}"`)).join(', ');

/** An error at every name of every clash: `what` names the kind ("account name"). */
export const nameClashes = (items: readonly NameAt[], what: string, hint: string): Diagnostic[] =>
  sameToIam(items).flatMap((group) =>
    group.map((item) => {
      const others = group.filter((o) => o !== item);
      const caseOnly = others.some((o) => o.name !== item.name);
      return error(
        item.position,
        `Duplicate ${what} "${item.name}" (also at ${elsewhere(item, others)})${caseOnly ? '; IAM names ignore letter case' : ''}.`,
        hint,
      );
    }),
  );
