// The default branch against AWS, as the scheduled run sees it: the plan that applying the
// files now would make. A member in AWS but not in the user map is drift (added by hand, or
// removed in git and not applied yet); a member whose grant ended is `expired`.
import type { Repository } from '../load-repository.ts';
import { hasErrors } from '../diagnostics.ts';
import type { ObservedAccount, ObservedMaster } from '../observed.ts';
import { analyzeRoles } from '../privilege/privilege.ts';
import { membershipsOf } from '../users/base-members.ts';
import { plan } from './plan.ts';
import type { Plan } from './types.ts';

export const planAgainstAws = (
  repository: Repository,
  accounts: readonly ObservedAccount[],
  master: ObservedMaster,
): Plan =>
  plan({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts,
    master,
    // The files are their own base: whoever AWS has that they do not list is drift.
    baseMembers: membershipsOf(repository.users),
    privileges: { current: analyzeRoles(repository.template), base: undefined },
  });

/** The files and AWS differ: changes to apply, problems in the plan, or accounts that cannot be planned. */
export const differs = (result: Plan): boolean =>
  result.hasChanges ||
  hasErrors(result.diagnostics) ||
  result.stacks.some((s) => s.action === 'blocked' || s.action === 'error');
