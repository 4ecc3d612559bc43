// How each "no change" of a stack was reached: by comparing the deployed template text and
// parameters with the files (no change set), or by a change set. Said in the plan so that a
// reviewer knows which accounts CloudFormation itself was not asked about.
import type { StackPlan } from '../plan/types.ts';
import { code } from './escape.ts';

/** One line under the unchanged accounts; undefined when every one was checked by a change set. */
export const renderComparedAccounts = (unchanged: readonly StackPlan[]): string | undefined => {
  const compared = unchanged.filter((s) => s.comparedWithDeployed === true);
  if (compared.length === 0) return undefined;
  if (compared.length === unchanged.length)
    return "Each was compared with its deployed template and parameters, which are exactly the files': no change set was needed.";
  return `Compared with the deployed template and parameters, without a change set: ${compared.map((s) => code(s.accountName)).join(', ')}; the others were checked with a change set.`;
};
