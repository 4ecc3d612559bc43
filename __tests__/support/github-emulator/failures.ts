// Injected failures: rules checked before a handler runs, each optionally limited in count.
import type { Reply } from './reply.ts';
import { errorReply } from './reply.ts';
import type { FailureRule } from './types.ts';

export interface ActiveFailure {
  readonly rule: FailureRule;
  /** How many more requests this rule may fail; Infinity when unlimited. */
  remaining: number;
}

export const activate = (rule: FailureRule): ActiveFailure => ({ rule, remaining: rule.times ?? Infinity });

export const pathMatches = (pattern: string | RegExp | undefined, path: string): boolean => {
  if (pattern === undefined) return true;
  return typeof pattern === 'string'
    ? path === pattern || path.startsWith(`${pattern}/`)
    : pattern.test(path);
};

const ruleMatches = (rule: FailureRule, method: string, path: string): boolean =>
  (rule.method === undefined || rule.method.toUpperCase() === method) && pathMatches(rule.path, path);

/** The failure reply for this request, consuming one use of the first matching rule. */
export const takeFailure = (active: ActiveFailure[], method: string, path: string): Reply | undefined => {
  const hit = active.find((a) => a.remaining > 0 && ruleMatches(a.rule, method, path));
  if (!hit) return undefined;
  hit.remaining -= 1;
  const reply = errorReply(
    hit.rule.status ?? 403,
    hit.rule.message ?? 'Resource not accessible by integration',
  );
  return hit.rule.headers ? { ...reply, headers: { ...hit.rule.headers } } : reply;
};
