import { isReadPattern } from '../../src/core/privilege/actions.ts';
import { covers, isUniversalAction, matches, overlaps } from '../../src/core/privilege/wildcard.ts';

describe('IAM wildcards', () => {
  test.each([
    ['*', 'iam:PassRole', true],
    ['iam:*', 'iam:PassRole', true],
    ['iam:Pass*', 'iam:PassRole', true],
    ['IAM:passrole', 'iam:PassRole', true],
    ['iam:P?ssRole', 'iam:PassRole', true],
    ['iam:*Role', 'iam:PassRole', true],
    ['iam:*Role', 'iam:PassRolePolicy', false],
    ['iam:Put*', 'iam:PassRole', false],
    ['s3:*', 'iam:PassRole', false],
    ['iam:Pa?Role', 'iam:PassRole', false],
    ['*:*Policy*', 'iam:PutRolePolicy', true],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(matches(pattern, action)).toBe(expected);
  });

  test('resources match with case', () => {
    expect(matches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x', false)).toBe(false);
    expect(matches('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::Bucket/x', false)).toBe(true);
  });

  test.each([
    ['iam:*', 'iam:Put*', true],
    ['*', 'iam:Put*', true],
    ['iam:P*', 'iam:Put*', true],
    ['iam:Put*', 'iam:*', false],
    ['iam:Put*', 'iam:PutRolePolicy', true],
    ['iam:?ut*', 'iam:*', false],
    ['iam:Pu?*', 'iam:Put*', true],
    ['iam:Put?', 'iam:Put*', false],
    ['s3:*', 'iam:*', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(covers(outer, inner)).toBe(expected);
  });

  test.each([
    ['s3:Get*', '*Object', true],
    ['s3:Get*', 's3:Put*', false],
    ['s3:*', 'iam:*', false],
    ['*', 'iam:PassRole', true],
    ['iam:?assRole', 'iam:P*', true],
    ['ec2:*', '*:Describe*', true],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });

  test('universal action patterns', () => {
    expect(['*', '**', '*:*'].map(isUniversalAction)).toEqual([true, true, true]);
    expect(['*:Get*', 'iam:*', 's3:*:*'].map(isUniversalAction)).toEqual([false, false, false]);
  });
});

describe('read verbs', () => {
  test.each([
    ['s3:GetObject', true],
    ['ec2:Describe*', true],
    ['*:List*', true],
    ['aws-portal:View*', true],
    ['cloudtrail:LookupEvents', true],
    ['dynamodb:BatchGetItem', true],
    ['s3:*', false],
    ['s3:G*', false],
    ['s3:*Object', false],
    ['iam:GenerateCredentialReport', false],
    ['s3:PutObject', false],
    ['*', false],
  ])('%s only reads: %s', (pattern, expected) => {
    expect(isReadPattern(pattern)).toBe(expected);
  });
});
