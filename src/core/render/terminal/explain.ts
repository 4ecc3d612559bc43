// `explain` for a terminal: a role's level and why, its statements, its trust, its holders.
import type { RoleExplanation } from '../../access/explain.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';

const LEVEL_PAINT = (level: string, style: Style): string =>
  level === 'admin' || level === 'iam-write'
    ? style.red(level)
    : level === 'write'
      ? style.yellow(level)
      : level === 'custom'
        ? style.cyan(level)
        : style.green(level);

/** The files that say who holds a role: the user map and the teams file. */
const heldFrom = (e: RoleExplanation): string =>
  [e.sources.users, e.sources.teams].filter((f) => f !== undefined).join(', ');

export const renderExplanationText = (e: RoleExplanation, style: Style): string => {
  const title = e.group ?? `${e.role} (in every account)`;
  const where = e.account === undefined ? '' : ` in account ${e.account.name} (${e.account.accountId})`;
  const grants = e.trust.grants.map(
    (g) =>
      `  ${clean(g.principal)}${g.conditions.length > 0 ? ` when ${clean(g.conditions.join(' and '))}` : ''}`,
  );
  return [
    `${style.bold(clean(title))}: role ${clean(e.role)} of ${clean(e.sources.template)}${clean(where)}`,
    ...(e.roleArn === undefined ? [] : [`ARN: ${clean(e.roleArn)}`]),
    `Level: ${LEVEL_PAINT(e.level, style)}${e.level === 'custom' ? clean(` (at least ${e.atLeast})`) : ''}`,
    ...e.reasons.map((r) => `  - ${clean(r)}`),
    '',
    style.bold('Statements'),
    ...(e.statements.length === 0
      ? ['  none: the role may do nothing']
      : e.statements.map((s) => `  ${clean(s)}`)),
    '',
    style.bold(`Trust${e.trust.requiresMfa ? ' (MFA required)' : ''}`),
    ...(grants.length === 0 ? ['  nobody may assume it'] : grants),
    ...e.trust.denies.map((d) => `  ${clean(d)}`),
    '',
    style.bold(`Held by${heldFrom(e) === '' ? '' : clean(` (${heldFrom(e)})`)}`),
    ...e.holders.map(
      (h) =>
        `  ${clean(h.account)}: ${h.users.length === 0 ? style.dim('nobody') : clean(h.users.join(', '))}`,
    ),
    '',
  ].join('\n');
};
