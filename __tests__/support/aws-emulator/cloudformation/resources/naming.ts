import { physicalNameSuffix } from '../../util/ids.ts';
import type { Random } from '../../util/random.ts';

/**
 * `<StackName>-<LogicalId>-<SUFFIX>` as CloudFormation generates physical names, shortening the
 * stack name and logical id (the longer one first) so the result fits `maxLength`.
 */
export function generatedName(stackName: string, logicalId: string, rng: Random, maxLength = 64): string {
  const suffix = physicalNameSuffix(rng);
  const budget = maxLength - suffix.length - 2;
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
  return `${stack}-${logical}-${suffix}`;
}
