// The role a RoleModel group lets its members assume, read back from the group's inline
// policy (which the documents come from AWS, so anything goes): the `Resource` of an Allow of
// sts:AssumeRole that is a role ARN. This is how a person's roles are found without the files.
import { parseRoleArn } from '../arn.ts';
import { isRecord } from '../privilege/intrinsics.ts';
import { matches } from '../privilege/wildcard.ts';

const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : [value]);

export const assumableRoleArns = (document: unknown): string[] => {
  if (!isRecord(document)) return [];
  return asList(document['Statement'])
    .filter(isRecord)
    .filter(
      (s) =>
        s['Effect'] === 'Allow' &&
        asList(s['Action']).some((a) => typeof a === 'string' && matches(a, 'sts:AssumeRole')),
    )
    .flatMap((s) => asList(s['Resource']))
    .filter((r): r is string => typeof r === 'string' && parseRoleArn(r) !== undefined);
};
