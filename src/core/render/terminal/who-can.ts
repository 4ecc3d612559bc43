// `who-can` for a terminal: the roles that allow the action, where, why, and their holders.
import type { WhoCanAnswer } from '../../access/who-can.ts';
import type { ActionDecision } from '../../privilege/decide.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';
import type { CellInput } from './table.ts';

const DECISION: Readonly<Record<ActionDecision, string>> = {
  allowed: 'allowed',
  limited: 'allowed with limits',
  likely: 'likely allowed',
  unknown: 'may be allowed',
  denied: 'denied',
  'not-allowed': 'not allowed',
};

const decisionCell = (d: ActionDecision, style: Style): CellInput => ({
  text: DECISION[d],
  paint: d === 'denied' ? style.red : d === 'unknown' ? style.yellow : style.green,
});

export const renderWhoCanText = (answer: WhoCanAnswer, style: Style): string => {
  const question = `Who can ${answer.action}${answer.resource === undefined ? '' : ` on ${answer.resource}`} in ${answer.accounts.join(', ') || 'no account'}`;
  const rows = answer.rows.map((r) => [
    `${r.account}.${r.role}`,
    `(${r.level})`,
    decisionCell(r.decision, style),
    r.users.length === 0 ? 'nobody' : r.users.join(', '),
  ]);
  // The same template goes to every account: a role's reasons are said once, with its accounts.
  const why = new Map<string, string[]>();
  for (const r of answer.rows)
    for (const reason of r.reasons) {
      const key = `${r.role}\n${reason}`;
      why.set(key, [...(why.get(key) ?? []), r.account]);
    }
  const reasons = [...why].map(([key, accounts]) => {
    const [role = '', reason = ''] = key.split('\n');
    return `  ${clean(`${role} (${accounts.join(', ')})`)}: ${style.dim(clean(reason))}`;
  });
  return [
    style.bold(clean(question)),
    ...(answer.scope === undefined ? [] : [style.dim(clean(answer.scope))]),
    '',
    ...(rows.length === 0 ? ['No role of the template allows it.'] : columns(rows, '  ')),
    ...(reasons.length === 0 ? [] : ['', style.bold('Why'), ...reasons]),
    ...(answer.people.length === 0
      ? []
      : [
          '',
          style.bold('People'),
          ...columns(
            answer.people.map((p) => [p.user, p.grants.join(', ')]),
            '  ',
          ),
        ]),
    '',
  ].join('\n');
};
