// The one line a reviewer reads first, also written to the log.
import type { PlanSummary } from '../plan/types.ts';
import { plural } from './markdown.ts';
import { countText } from '../numbers.ts';

export const NO_CHANGES = 'No changes. AWS matches the files.';

const count = countText;

/** `1 stack created · 2 updated`: the noun once, on the first non-zero part. */
const series = (noun: string, nouns: string, parts: readonly (readonly [number, string])[]): string[] => {
  const shown = parts.filter(([n]) => n > 0);
  return shown.map(([n, verb], index) =>
    index === 0 ? `${plural(n, noun, nouns)} ${verb}` : `${count(n)} ${verb}`,
  );
};

const removals = (summary: PlanSummary): string => {
  const why = [
    ...(summary.driftRemovals > 0 ? [`${count(summary.driftRemovals)} outside git`] : []),
    ...(summary.expiredRemovals > 0
      ? [`${count(summary.expiredRemovals)} grant${summary.expiredRemovals === 1 ? '' : 's'} ended`]
      : []),
  ];
  return why.length > 0 ? ` (${why.join(', ')})` : '';
};

/**
 * Members move between groups but everyone can assume the same roles as before (people moved
 * to a team that grants what their pair groups did): said, so a reviewer need not work it out.
 */
const sameAccess = (s: PlanSummary): string[] => {
  if (s.usersWithAccessChanges !== 0 || s.membersAdded + s.membersRemoved === 0) return [];
  const stacks = s.stacksCreated + s.stacksUpdated + s.stacksRecreated + s.resourceChanges;
  return [stacks === 0 ? "no one's access changes (only groups)" : 'no one gains or loses a role'];
};

/** The parts that describe changes (and stacks that cannot change), without errors. */
const changeParts = (s: PlanSummary): string[] => {
  const members = series('member', 'members', [
    [s.membersAdded, 'added'],
    [s.membersRemoved, 'removed'],
  ]);
  if (s.membersRemoved > 0) members[members.length - 1] += removals(s);
  return [
    ...(s.accountsChanging > 0
      ? [`${plural(s.accountsChanging, 'account')} ${s.accountsChanging === 1 ? 'changes' : 'change'}`]
      : []),
    ...series('stack', 'stacks', [
      [s.stacksCreated, 'created'],
      [s.stacksUpdated, 'updated'],
      [s.stacksRecreated, 'recreated'],
      [s.stacksBlocked, 'blocked'],
    ]),
    ...(s.resourceChanges > 0 ? [plural(s.resourceChanges, 'resource change')] : []),
    ...(s.rolesReplaced > 0 ? [`🔴 ${plural(s.rolesReplaced, 'role')} replaced`] : []),
    ...series('group', 'groups', [
      [s.groupsCreated, 'created'],
      [s.groupsDeleted, 'deleted'],
    ]),
    ...(s.policiesChanged > 0 ? [`${plural(s.policiesChanged, 'policy', 'policies')} changed`] : []),
    ...members,
    ...(s.endsChanged > 0 ? [`${plural(s.endsChanged, 'grant end')} changed`] : []),
    ...sameAccess(s),
  ];
};

export const renderPlanSummaryLine = (summary: PlanSummary): string => {
  const parts = changeParts(summary);
  const errors = summary.errors > 0 ? [`❌ ${plural(summary.errors, 'error')}`] : [];
  if (parts.length === 0) return errors.length > 0 ? `${errors[0]} · no changes planned` : NO_CHANGES;
  return [...errors, ...parts].join(' · ');
};
