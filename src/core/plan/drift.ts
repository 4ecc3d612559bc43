// The files against AWS: the plan that applying them now would make, for
// apply (after the merge), the scheduled run and the command line. Only the scheduled run takes the files as
// their own base: whoever AWS has that they do not list is drift (added by hand, or removed in
// git and not applied yet); apply cannot tell those apart, so their origin stays unknown.
import type { Repository } from '../load-repository.ts';
import { hasErrors } from '../diagnostics.ts';
import type { ObservedAccount, ObservedMaster } from '../observed.ts';
import { analyzeRoles } from '../privilege/privilege.ts';
import { membershipsOf } from '../users/base-members.ts';
import { plan } from './plan.ts';
import type { PlanInput } from './plan.ts';
import type { Plan } from './types.ts';

export interface FilesPlanOptions {
  /** The files are their own base: a member AWS has that they do not list is drift. */
  readonly ownBase?: boolean;
  /** Make the access review (privilege levels, escalations) of the template's roles. */
  readonly accessReview?: boolean;
  /** The grants' ends as applied before (the files the push replaced): an end moved later is a widening. */
  readonly baseEnds?: PlanInput['baseEnds'];
}

export const planOfFiles = (
  repository: Repository,
  accounts: readonly ObservedAccount[],
  master: ObservedMaster,
  options: FilesPlanOptions = {},
): Plan =>
  plan({
    desired: repository.desired,
    stackName: repository.config.stackName,
    configFile: repository.config.file,
    accounts,
    master,
    ...(options.ownBase === true ? { baseMembers: membershipsOf(repository.users, repository.teams) } : {}),
    ...(options.baseEnds === undefined ? {} : { baseEnds: options.baseEnds }),
    ...(options.accessReview === true
      ? { privileges: { current: analyzeRoles(repository.template), base: undefined } }
      : {}),
  });

/** The files and AWS differ: changes to apply, problems in the plan, or accounts that cannot be planned. */
export const differs = (result: Plan): boolean =>
  result.hasChanges ||
  hasErrors(result.diagnostics) ||
  result.stacks.some((s) => s.action === 'blocked' || s.action === 'error');
