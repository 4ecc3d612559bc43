// Injected resource failures (control API): make a logical id fail in a given account.
export type ResourceOperation = 'create' | 'update' | 'delete';

export interface ResourceFailureRule {
  account: string;
  logicalId: string;
  reason: string;
  /** Resource operation to fail; any when undefined. */
  operation: ResourceOperation | undefined;
  /** Restricts the rule to one stack. */
  stackName: string | undefined;
  /** How many more times the rule fires. */
  remaining: number;
}

export interface FailureRegistry {
  add(rule: ResourceFailureRule): void;
  clear(): void;
  /** Consumes a matching rule and returns its reason. */
  take(
    account: string,
    stackName: string,
    logicalId: string,
    operation: ResourceOperation,
  ): string | undefined;
}

export function createFailureRegistry(): FailureRegistry {
  let rules: ResourceFailureRule[] = [];
  return {
    add(rule) {
      rules.push(rule);
    },
    clear() {
      rules = [];
    },
    take(account, stackName, logicalId, operation) {
      const rule = rules.find(
        (r) =>
          r.remaining > 0 &&
          r.account === account &&
          r.logicalId === logicalId &&
          (r.operation === undefined || r.operation === operation) &&
          (r.stackName === undefined || r.stackName === stackName),
      );
      if (!rule) return undefined;
      rule.remaining -= 1;
      return rule.reason;
    },
  };
}
