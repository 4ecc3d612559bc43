// Which `account.role` a role ARN is, by the stacks as the plan found them: how the pairs a
// team's group grants today are read back from its policies in AWS.
import { assumableRoleArns } from '../access/assumable.ts';
import type { Pair } from '../access/pair.ts';
import { pairKey } from '../access/pair.ts';
import type { ObservedAccount } from '../observed.ts';

/** Role ARN -> the pair it is. */
export type RoleIndex = ReadonlyMap<string, Pair>;

export const roleIndex = (accounts: readonly ObservedAccount[]): RoleIndex =>
  new Map(
    accounts.flatMap((a) =>
      a.roles.map((r) => [r.arn, { account: a.accountName, role: r.logicalId }] as const),
    ),
  );

/** The pairs these policies allow, each once, sorted; ARNs of no known role are left out. */
export const pairsOfPolicies = (
  policies: readonly { readonly document: unknown }[],
  index: RoleIndex,
): Pair[] => {
  const found = new Map<string, Pair>();
  for (const policy of policies)
    for (const arn of assumableRoleArns(policy.document)) {
      const pair = index.get(arn);
      if (pair !== undefined) found.set(pairKey(pair), pair);
    }
  return [...found.keys()].sort().map((k) => found.get(k) as Pair);
};
