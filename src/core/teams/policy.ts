// A team group's inline policy: sts:AssumeRole on exactly the roles it grants, in exactly the
// accounts it grants them, written compactly because IAM counts every character of a group's
// inline policies against one quota (GroupPolicySizeQuota, 5,120 by default). Exact ARNs go
// into one statement; a role with the same name in several accounts (a literal RoleName) may
// instead take one statement whose Resource names it in any account and whose condition lists
// the accounts (`aws:ResourceAccount`), whichever is shorter. Deterministic: the same pairs
// always give the same document, so an unchanged team writes nothing.
import { parseRoleArn } from '../arn.ts';
import { policySize } from '../limits/policy-size.ts';
import type { Partition, PolicyDocument } from '../model.ts';

export { policySize } from '../limits/policy-size.ts';

/** One `account.role` with the ARN of its role. */
export interface PolicyPair {
  readonly accountId: string;
  readonly role: string;
  readonly arn: string;
}

const ACTION = 'sts:AssumeRole';

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const exactStatement = (arns: readonly string[]) => ({
  Effect: 'Allow',
  Action: ACTION,
  Resource: arns.length === 1 ? arns[0] : [...arns],
});

const anyAccountStatement = (partition: Partition, rolePart: string, accountIds: readonly string[]) => ({
  Effect: 'Allow',
  Action: ACTION,
  Resource: `arn:${partition}:iam::*:role${rolePart}`,
  Condition: { StringEquals: { 'aws:ResourceAccount': [...accountIds] } },
});

/** `/path/name` of a role ARN: the same in every account for a role with a literal RoleName. */
const rolePartOf = (arn: string): string | undefined => {
  const parsed = parseRoleArn(arn);
  return parsed === undefined ? undefined : `${parsed.path}${parsed.name}`;
};

/** The policy for these pairs; undefined when there are none (the group then has no policy). */
export const teamPolicy = (
  partition: Partition,
  pairs: readonly PolicyPair[],
): PolicyDocument | undefined => {
  if (pairs.length === 0) return undefined;
  const byRolePart = new Map<string, PolicyPair[]>();
  for (const pair of pairs) {
    const part = rolePartOf(pair.arn) ?? pair.arn;
    byRolePart.set(part, [...(byRolePart.get(part) ?? []), pair]);
  }
  const exact: string[] = [];
  const conditional: ReturnType<typeof anyAccountStatement>[] = [];
  for (const [part, same] of [...byRolePart].sort(([a], [b]) => byText(a, b))) {
    const arns = [...new Set(same.map((p) => p.arn))].sort(byText);
    const ids = [...new Set(same.map((p) => p.accountId))].sort(byText);
    const statement = anyAccountStatement(partition, part, ids);
    const listed = arns.reduce((n, arn) => n + JSON.stringify(arn).length + 1, 0);
    if (ids.length > 1 && rolePartOf(arns[0] ?? '') !== undefined && policySize(statement) < listed)
      conditional.push(statement);
    else exact.push(...arns);
  }
  return {
    Version: '2012-10-17',
    Statement: [...(exact.length > 0 ? [exactStatement(exact.sort(byText))] : []), ...conditional],
  };
};

/** Characters of the suffix CloudFormation adds to the names it makes (`-` and 13 more, at most). */
const GENERATED_SUFFIX = 13;
const ROLE_NAME_MAX = 64;

/**
 * The longest name CloudFormation gives a role without a RoleName (`<stack>-<logicalId>-<suffix>`,
 * the first two shortened to fit 64 characters): stands in for an ARN not known before apply,
 * so that a policy's size can be told before the stacks are deployed.
 */
export const generatedRoleName = (stackName: string, logicalId: string): string => {
  const budget = ROLE_NAME_MAX - GENERATED_SUFFIX - 2;
  let stack = stackName;
  let logical = logicalId;
  if (stack.length + logical.length > budget) {
    const half = Math.floor(budget / 2);
    if (stack.length <= half) logical = logical.slice(0, budget - stack.length);
    else if (logical.length <= budget - half) stack = stack.slice(0, budget - logical.length);
    else {
      stack = stack.slice(0, half);
      logical = logical.slice(0, budget - half);
    }
  }
  return `${stack}-${logical}-${'X'.repeat(GENERATED_SUFFIX)}`;
};
