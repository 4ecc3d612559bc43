// Outcomes of IAM group changes without stacks (`sync_users`, and the groups of `delete`).
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';

export interface GroupLine {
  readonly group: string;
  readonly ok: boolean;
  readonly detail: string;
}

export const renderGroupOutcomes = (lines: readonly GroupLine[], style: Style): string[] =>
  columns(
    lines.map((l) => [
      l.ok ? { text: 'done', paint: style.green } : { text: 'failed', paint: style.red },
      l.group,
      l.detail,
    ]),
    '  ',
  );

/** The membership changes about to be made, one group per line. */
export const renderMembershipChanges = (
  groups: readonly {
    readonly name: string;
    readonly membersToAdd: readonly string[];
    readonly membersToRemove: readonly { readonly userName: string }[];
  }[],
  style: Style,
): string[] =>
  groups.map(
    (g) =>
      `  ${clean(g.name)}  ${[
        ...g.membersToAdd.map((u) => style.green(`+${clean(u)}`)),
        ...g.membersToRemove.map((m) => style.red(`-${clean(m.userName)}`)),
      ].join(' ')}`,
  );
