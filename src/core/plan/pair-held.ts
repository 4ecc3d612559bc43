// Whether a pair group lets its members assume its role now, as AWS has its policies: only
// when one of them allows a role in the AWS account the config names for it. A group whose
// policy allows roles in another account (the config's `account_id` was changed) gives its
// members the pair only once applied: a gain for each of them, which the access review shows
// and apply's check of reviewed plans judges, like any other grant.
import { assumableRoleArns } from '../access/assumable.ts';
import { parseRoleArn } from '../arn.ts';
import type { ObservedGroup } from '../observed.ts';

export const pairHeldBefore = (accountId: string, observed: ObservedGroup | undefined): boolean =>
  observed !== undefined &&
  observed.policies.some((p) =>
    assumableRoleArns(p.document).some((arn) => parseRoleArn(arn)?.accountId === accountId),
  );
