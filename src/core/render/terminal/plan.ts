// The plan for a terminal: the summary line, escalation warnings, each account's stack
// change resource by resource, the master account's groups and members, who gains and loses
// what, and the problems. The same Plan value the action renders as Markdown.
import { byText } from '../../collections.ts';
import type { ResourceChange } from '../../observed.ts';
import type { GroupPlan, MemberRemoval, Plan, StackAction, StackPlan } from '../../plan/types.ts';
import { groupRemovals } from '../../plan/removals.ts';
import { groupLevels, levelSuffix } from '../levels.ts';
import { policyResources, teamGrantsChange } from '../policy.ts';
import { renderPlanSummaryLine } from '../summary-line.ts';
import { renderDiagnosticLines } from './diagnostics.ts';
import { clean } from './escape.ts';
import type { Style } from './style.ts';
import { columns } from './table.ts';
import type { CellInput } from './table.ts';

const STACK_ACTION: Readonly<Record<StackAction, (s: StackPlan) => string>> = {
  create: (s) => `create stack ${s.stackName}`,
  update: (s) => `update stack ${s.stackName} (${s.currentStatus ?? 'absent'})`,
  'no-change': () => 'no change',
  recreate: (s) => `delete and recreate stack ${s.stackName} (${s.currentStatus ?? '?'}): ${s.reason ?? ''}`,
  blocked: (s) => `blocked, skipped by update: ${s.reason ?? s.currentStatus ?? ''}`,
  error: (s) => `could not be planned: ${s.reason ?? ''}`,
};

const stackPaint = (action: StackAction, style: Style): ((t: string) => string) =>
  action === 'no-change'
    ? style.dim
    : action === 'blocked' || action === 'error' || action === 'recreate'
      ? style.red
      : style.yellow;

const changeMark = (change: ResourceChange, stack: StackPlan, style: Style): CellInput => {
  const replaced =
    change.replacement === 'True' ||
    (change.resourceType === 'AWS::IAM::Role' && stack.replacedRoles.includes(change.logicalId));
  if (change.action === 'Add') return { text: '+', paint: style.green };
  if (change.action === 'Remove') return { text: '-', paint: style.red };
  if (replaced) return { text: '±', paint: style.red };
  return { text: '~', paint: style.yellow };
};

const changeNote = (change: ResourceChange, stack: StackPlan): string => {
  const what = (change.properties.length > 0 ? change.properties : change.scope).join(', ');
  const role = change.resourceType === 'AWS::IAM::Role';
  const replaced = change.replacement === 'True' || (role && stack.replacedRoles.includes(change.logicalId));
  const replacement = replaced
    ? role
      ? 'REPLACED: new ARN'
      : 'replaced'
    : change.replacement === 'Conditional'
      ? 'may be replaced'
      : '';
  return [what, replacement].filter(Boolean).join('; ');
};

const stackLines = (plan: Plan, style: Style): string[] => {
  if (plan.stacks.length === 0) return [];
  const lines = [style.bold(`Stacks (${clean(plan.stackName)})`)];
  for (const stack of plan.stacks) {
    const paint = stackPaint(stack.action, style);
    lines.push(
      `  ${clean(`${stack.accountName} (${stack.accountId})`)}: ${paint(clean(STACK_ACTION[stack.action](stack)))}`,
    );
    lines.push(
      ...columns(
        stack.changes.map((c) => [
          changeMark(c, stack, style),
          c.logicalId,
          { text: c.resourceType, paint: style.dim },
          changeNote(c, stack),
        ]),
        '      ',
      ),
    );
  }
  return lines;
};

const REMOVAL_NOTE: Readonly<Record<MemberRemoval['origin'], string>> = {
  git: '',
  drift: ' (outside git)',
  unknown: ' (not in the user map)',
  expired: ' (grant ended)',
};

const teamNote = (group: GroupPlan): string => {
  if (group.team === undefined || group.action === 'delete' || group.policy === undefined) return '';
  const { added, removed, after } = teamGrantsChange(group.team);
  if (group.team.pairsBefore.length === 0) return `grants ${after.join(', ') || 'nothing'}`;
  return [
    ...(added.length > 0 ? [`grants +${added.join(' +')}`] : []),
    ...(removed.length > 0 ? [`no longer ${removed.join(', ')}`] : []),
  ].join('; ');
};

const policyNote = (group: GroupPlan): string => {
  if (group.team !== undefined) return teamNote(group);
  if (group.action === 'delete' || group.policy === undefined) return '';
  const after =
    group.policy.afterApply || group.policy.after === undefined
      ? 'known after update'
      : policyResources(group.policy.after).join(', ');
  return `policy → ${after}`;
};

const groupLines = (plan: Plan, style: Style): string[] => {
  const changing = plan.groups.filter((g) => g.action !== 'no-change').sort((a, b) => byText(a.name, b.name));
  if (changing.length === 0) return [];
  const levels = groupLevels(plan.groups, plan.access);
  const mark = (g: GroupPlan): CellInput =>
    g.action === 'create'
      ? { text: '+', paint: style.green }
      : g.action === 'delete'
        ? { text: '-', paint: style.red }
        : { text: '~', paint: style.yellow };
  const rows = changing.map((g): CellInput[] => {
    const notes = [
      g.action === 'create' ? 'new group' : g.action === 'delete' ? 'group deleted' : '',
      policyNote(g),
      g.extraPolicies.length > 0 ? `removes inline ${g.extraPolicies.join(', ')}` : '',
    ].filter(Boolean);
    return [
      mark(g),
      `${g.name}${levelSuffix(levels.get(g.name))}`,
      { text: notes.join('; '), paint: style.dim },
    ];
  });
  // Members are painted one by one, so they follow the aligned columns.
  const aligned = columns(rows, '  ');
  return [
    style.bold(`Master account ${clean(plan.masterAccountId)}`),
    ...aligned.map((line, i) => {
      const g = changing[i];
      if (g === undefined) return line;
      const members = [
        ...g.membersToAdd.map((u) => style.green(`+${clean(u)}`)),
        ...groupRemovals(g).map((m) => style.red(`-${clean(m.userName)}${REMOVAL_NOTE[m.origin]}`)),
      ];
      return members.length > 0 ? `${line}  ${members.join(' ')}` : line;
    }),
  ];
};

const accessLines = (plan: Plan, style: Style): string[] => {
  const users = plan.access?.users ?? [];
  if (users.length === 0) return [];
  return [
    style.bold('Access changes'),
    ...columns(
      users.map((u) => [
        u.user,
        [
          ...u.gains.map((g) => style.green(`+${clean(`${g.account}.${g.role}${levelSuffix(g.level)}`)}`)),
          ...u.losses.map((l) => style.red(`-${clean(`${l.account}.${l.role}${levelSuffix(l.level)}`)}`)),
        ].join(' '),
      ]),
      '  ',
    ),
  ];
};

const warningLines = (plan: Plan, style: Style): string[] => {
  const warnings = plan.access?.warnings ?? [];
  if (warnings.length === 0) return [];
  return [
    style.bold(style.red(`Escalations (${warnings.length})`)),
    ...warnings.map((w) => `  ${style.red('!')} ${clean(w.message)}`),
  ];
};

/** The whole plan; blocks separated by a blank line. */
export const renderPlanText = (plan: Plan, style: Style): string => {
  const blocks = [
    [style.bold(clean(renderPlanSummaryLine(plan.summary)))],
    warningLines(plan, style),
    stackLines(plan, style),
    groupLines(plan, style),
    accessLines(plan, style),
    plan.diagnostics.length > 0
      ? [style.bold('Problems'), ...renderDiagnosticLines(plan.diagnostics, style)]
      : [],
  ].filter((b) => b.length > 0);
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
};
