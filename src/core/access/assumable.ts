// The roles a RoleModel group lets its members assume, read back from the group's inline
// policies (the documents come from AWS, so anything goes): each `Resource` of an Allow of
// sts:AssumeRole that is a role ARN, and a role ARN in any account (`arn:aws:iam::*:role/x`)
// narrowed by an `aws:ResourceAccount` condition to the accounts it lists, as a team's policy
// writes it. This is how a person's roles are found without the files.
import { parseRoleArn } from '../arn.ts';
import { isRecord } from '../privilege/intrinsics.ts';
import { matches } from '../privilege/wildcard.ts';

const asList = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : [value]);

const ANY_ACCOUNT_ROLE = /^arn:(aws|aws-cn|aws-us-gov):iam::\*:role(\/.+)$/;

/** The account ids of a `StringEquals: { aws:ResourceAccount: [...] }` condition, when that is all it says. */
const resourceAccounts = (condition: unknown): string[] | undefined => {
  if (!isRecord(condition)) return undefined;
  const keys = Object.keys(condition);
  const equals = condition['StringEquals'];
  if (keys.length !== 1 || !isRecord(equals) || Object.keys(equals).length !== 1) return undefined;
  const ids = equals['aws:ResourceAccount'];
  const list = asList(ids);
  return list.every((id): id is string => typeof id === 'string' && /^\d{12}$/.test(id))
    ? [...list]
    : undefined;
};

const statementArns = (statement: Readonly<Record<string, unknown>>): string[] => {
  const resources = asList(statement['Resource']).filter((r): r is string => typeof r === 'string');
  const ids = resourceAccounts(statement['Condition']) ?? [];
  return resources.flatMap((r) => {
    if (parseRoleArn(r) !== undefined) return [r];
    const m = ANY_ACCOUNT_ROLE.exec(r);
    return m === null
      ? []
      : ids
          .map((id) => `arn:${m[1] ?? 'aws'}:iam::${id}:role${m[2] ?? ''}`)
          .filter((arn) => parseRoleArn(arn) !== undefined);
  });
};

export const assumableRoleArns = (document: unknown): string[] => {
  if (!isRecord(document)) return [];
  return asList(document['Statement'])
    .filter(isRecord)
    .filter(
      (s) =>
        s['Effect'] === 'Allow' &&
        asList(s['Action']).some((a) => typeof a === 'string' && matches(a, 'sts:AssumeRole')),
    )
    .flatMap(statementArns);
};
