// The `access-changes` output: per user what they gain and lose with its level, and the
// escalation warnings, as compact JSON a workflow can read with `fromJSON`. Kept well under
// GitHub's 1 MB limit on a job's outputs; the `plan-json` file always holds everything.
import type { AccessReview, AccessWarning } from './types.ts';

/** Characters of JSON before users and warnings are left out. */
export const MAX_ACCESS_OUTPUT = 200_000;

export interface AccessChangesOutput {
  readonly escalations: number;
  readonly baseTemplate: AccessReview['baseTemplate'];
  readonly users: AccessReview['users'];
  readonly warnings: readonly Omit<AccessWarning, 'holders'>[];
  /** How many were left out to stay within the size limit; absent when none. */
  readonly omitted?: { readonly users: number; readonly warnings: number };
}

const warningOf = ({
  kind,
  account,
  role,
  user,
  message,
  until,
  endsAt,
  reason,
  extendedFrom,
}: AccessWarning): Omit<AccessWarning, 'holders'> => ({
  kind,
  ...(account === undefined ? {} : { account }),
  role,
  ...(user === undefined ? {} : { user }),
  message,
  ...(until === undefined ? {} : { until }),
  ...(endsAt === undefined ? {} : { endsAt }),
  ...(reason === undefined ? {} : { reason }),
  ...(extendedFrom === undefined ? {} : { extendedFrom }),
});

/** As many items as fit in `budget` characters of JSON, in order. */
const fitting = <T>(list: readonly T[], budget: number): { kept: T[]; used: number } => {
  const kept: T[] = [];
  let used = 0;
  for (const item of list) {
    const size = JSON.stringify(item).length + 1;
    if (used + size > budget) break;
    kept.push(item);
    used += size;
  }
  return { kept, used };
};

export const accessChangesOutput = (
  review: AccessReview,
  maxLength = MAX_ACCESS_OUTPUT,
): AccessChangesOutput => {
  const full: AccessChangesOutput = {
    escalations: review.escalations,
    baseTemplate: review.baseTemplate,
    users: review.users,
    warnings: review.warnings.map(warningOf),
  };
  if (JSON.stringify(full).length <= maxLength) return full;
  // Room for the fixed fields and the `omitted` counts.
  const budget = maxLength - 200;
  const warnings = fitting(full.warnings, budget);
  const users = fitting(full.users, budget - warnings.used);
  return {
    ...full,
    users: users.kept,
    warnings: warnings.kept,
    omitted: {
      users: full.users.length - users.kept.length,
      warnings: full.warnings.length - warnings.kept.length,
    },
  };
};
