// The one line a reviewer reads first, for the summaries a plan can have.
import type { PlanSummary } from '../../src/core/plan/types.ts';
import { renderPlanSummaryLine } from '../../src/core/render/summary-line.ts';

const none: PlanSummary = {
  accountsChanging: 0,
  stacksCreated: 0,
  stacksUpdated: 0,
  stacksRecreated: 0,
  stacksBlocked: 0,
  resourceChanges: 0,
  rolesReplaced: 0,
  groupsCreated: 0,
  groupsDeleted: 0,
  policiesChanged: 0,
  membersAdded: 0,
  membersRemoved: 0,
  driftRemovals: 0,
  expiredRemovals: 0,
  endsChanged: 0,
  errors: 0,
};

const line = (summary: Partial<PlanSummary>): string => renderPlanSummaryLine({ ...none, ...summary });

describe('renderPlanSummaryLine', () => {
  test('says so when AWS matches the files', () => {
    expect(line({})).toBe('No changes. AWS matches the files.');
  });

  test('names only the non-zero parts, nouns once per series', () => {
    expect(
      line({ accountsChanging: 2, groupsCreated: 3, membersAdded: 5, membersRemoved: 1, driftRemovals: 1 }),
    ).toBe('2 accounts change · 3 groups created · 5 members added · 1 removed (1 outside git)');
  });

  test('uses the singular for one', () => {
    expect(line({ accountsChanging: 1, stacksUpdated: 1, resourceChanges: 1, policiesChanged: 1 })).toBe(
      '1 account changes · 1 stack updated · 1 resource change · 1 policy changed',
    );
  });

  test('a removal alone names its noun', () => {
    expect(line({ membersRemoved: 2 })).toBe('2 members removed');
    expect(line({ groupsDeleted: 1 })).toBe('1 group deleted');
  });

  test('stacks, replaced roles and large numbers', () => {
    expect(
      line({
        accountsChanging: 60,
        stacksCreated: 1,
        stacksUpdated: 57,
        stacksRecreated: 1,
        stacksBlocked: 1,
        resourceChanges: 1200,
        rolesReplaced: 2,
        groupsCreated: 3000,
        membersAdded: 9000,
      }),
    ).toBe(
      '60 accounts change · 1 stack created · 57 updated · 1 recreated · 1 blocked · 1,200 resource changes · 🔴 2 roles replaced · 3,000 groups created · 9,000 members added',
    );
  });

  test('errors come first, with ❌', () => {
    expect(line({ errors: 2, membersAdded: 1 })).toBe('❌ 2 errors · 1 member added');
    expect(line({ errors: 1 })).toBe('❌ 1 error · no changes planned');
  });

  test('a blocked stack is not "no changes"', () => {
    expect(line({ stacksBlocked: 1 })).toBe('1 stack blocked');
  });
});
