// IAM's errors, told apart by name, and IAM's limits explained: a LimitExceeded is a quota
// that waiting does not cure, so it is reported at once, naming the limit and what to do.
import { errorText, hasErrorName } from '../error-text.ts';

/** The SDK's name for IAM's `LimitExceeded` (and CloudFormation's quota errors). */
export const LIMIT_EXCEEDED = 'LimitExceededException';

export const isLimitExceeded = (error: unknown): boolean => hasErrorName(error, LIMIT_EXCEEDED);

/** What to do about each quota IAM names in its message (`Cannot exceed quota for X: N`). */
const ADVICE: Readonly<Record<string, (limit: string) => string>> = {
  GroupsPerUser: (n) =>
    `A user can be in at most ${n} IAM groups, a limit AWS does not raise: take the user out of another group first.`,
  GroupsPerAccount: (n) =>
    `The master account holds at most ${n} groups: delete unused groups, or ask AWS for a higher "Groups per account" quota (Service Quotas).`,
  PoliciesPerGroup: (n) => `A group can have at most ${n} managed policies attached.`,
};

/** `GroupsPerUser: 10` from IAM's message, when it names a quota. */
const quotaOf = (message: string): { name: string; limit: string } | undefined => {
  const match = /quota for (\w+): (\d+)/i.exec(message);
  return match ? { name: match[1] ?? '', limit: match[2] ?? '' } : undefined;
};

/** One line for the report: the error, the limit it hit and what to do, and that it was not retried. */
export const describeIamError = (error: unknown): string => {
  const text = errorText(error);
  if (!isLimitExceeded(error)) return text;
  const message = error instanceof Error ? error.message : text;
  const quota = quotaOf(message);
  const limit = quota ? `IAM limit ${quota.name} (${quota.limit}) reached` : 'an IAM limit was reached';
  const advice = quota ? (ADVICE[quota.name]?.(quota.limit) ?? '') : '';
  return `${limit}: ${text}.${advice ? ` ${advice}` : ''} Not retried: a limit does not pass by waiting.`;
};
