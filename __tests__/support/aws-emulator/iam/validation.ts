import { AwsError, constraintViolation } from '../errors.ts';

const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007e]+\/)$/;

/** Validates an IAM entity name with the constraints IAM reports for it. */
export function validateName(member: string, value: string, maxLength: number): void {
  if (value.length < 1)
    throw constraintViolation(member, value, 'Member must have length greater than or equal to 1');
  if (value.length > maxLength) {
    throw constraintViolation(member, value, `Member must have length less than or equal to ${maxLength}`);
  }
  if (!NAME_PATTERN.test(value)) {
    throw constraintViolation(member, value, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
  }
}

export function validatePath(member: string, value: string): void {
  if (value.length > 512) {
    throw constraintViolation(member, value, 'Member must have length less than or equal to 512');
  }
  if (!PATH_PATTERN.test(value)) {
    throw constraintViolation(
      member,
      value,
      'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    );
  }
}

/** IAM accepts JSON policies only (no YAML); reject what it would reject as syntax errors. */
export function validatePolicyDocument(document: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || !('Statement' in parsed)) {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.', 400);
  }
}

/** IAM quota checks count policy characters excluding whitespace. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

export const LIMITS = {
  userName: 64,
  groupName: 128,
  roleName: 64,
  policyName: 128,
  managedPoliciesPerRole: 10,
  managedPoliciesPerGroup: 10,
} as const;

/** Inline policies of one entity share a size quota. */
export function withinInlineQuota(
  policies: Map<string, string>,
  name: string,
  document: string,
  limit: number,
): boolean {
  let total = policySize(document);
  for (const [other, doc] of policies) if (other !== name) total += policySize(doc);
  return total <= limit;
}
