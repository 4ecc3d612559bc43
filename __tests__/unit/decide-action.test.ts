// One action against a role's statements, as IAM evaluates it: explicit Deny first, then an
// Allow, wildcards and NotAction/NotResource included; what is not known is said.
import { decideAction } from '../../src/core/privilege/decide.ts';
import { normalizeDocument } from '../../src/core/privilege/statements.ts';
import { awsManagedStatements } from '../../src/core/privilege/aws-managed.ts';

const policy = (...statements: Record<string, unknown>[]) =>
  normalizeDocument({ Version: '2012-10-17', Statement: statements }, { kind: 'inline', name: 'P' });

describe('decideAction', () => {
  test('an Allow with a wildcard allows; actions compare without regard to case', () => {
    const statements = policy({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' });
    expect(decideAction(statements, 's3:getobject').decision).toBe('allowed');
    expect(decideAction(statements, 's3:PutObject').decision).toBe('not-allowed');
  });

  test('an explicit Deny wins over any Allow, on the resources it names', () => {
    const statements = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/admin-*' },
    );
    expect(decideAction(statements, 'iam:PassRole', 'arn:aws:iam::1:role/admin-x')).toEqual({
      decision: 'denied',
      reasons: ['Deny iam:* on arn:aws:iam::*:role/admin-* (inline policy P)'],
    });
    expect(decideAction(statements, 'iam:PassRole', 'arn:aws:iam::1:role/other').decision).toBe('allowed');
    // On any resource: allowed, but not everywhere.
    expect(decideAction(statements, 'iam:PassRole').decision).toBe('limited');
  });

  test('NotAction and NotResource are read as IAM reads them', () => {
    const statements = policy({ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' });
    expect(decideAction(statements, 'iam:CreateUser').decision).toBe('not-allowed');
    expect(decideAction(statements, 's3:GetObject', 'arn:aws:s3:::secret/k').decision).toBe('not-allowed');
    expect(decideAction(statements, 's3:GetObject', 'arn:aws:s3:::public/k').decision).toBe('allowed');
  });

  test('a condition or a value known only at deploy limits an Allow and makes a Deny uncertain', () => {
    const conditioned = policy({
      Effect: 'Allow',
      Action: 'ec2:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    });
    expect(decideAction(conditioned, 'ec2:RunInstances').decision).toBe('limited');
    const unresolved = policy(
      { Effect: 'Allow', Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::${Bucket}/*' },
    );
    const decided = decideAction(unresolved, 's3:PutObject', 'arn:aws:s3:::logs/x');
    expect(decided.decision).toBe('limited');
    expect(decided.reasons[1]).toMatch(/may apply$/);
  });

  test('AWS managed policies known by name: a read-only one likely allows reads; an unknown one may allow anything', () => {
    const readOnly = awsManagedStatements('ReadOnlyAccess');
    expect(decideAction(readOnly, 'ec2:DescribeInstances').decision).toBe('likely');
    expect(decideAction(readOnly, 'ec2:TerminateInstances').decision).toBe('not-allowed');
    expect(
      decideAction(awsManagedStatements('AmazonSomethingFullAccess'), 'ec2:TerminateInstances').decision,
    ).toBe('unknown');
  });
});
