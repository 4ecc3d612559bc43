import type { RoleTemplate } from '../../src/core/model.ts';
import { analyzeRoles, compareLevels, levelRank } from '../../src/core/privilege/privilege.ts';
import type { RolePrivilege } from '../../src/core/privilege/privilege.ts';
import { parseTemplate } from '../../src/core/template/parse-template.ts';
import { cfnCustomTags } from '../../src/core/yaml/cfn-tags.ts';
import { loadYaml } from '../../src/core/yaml/load.ts';

/** A template parsed as the action parses it (short-form tags included). */
const template = (text: string): RoleTemplate => {
  const loaded = loadYaml('roles.yml', new TextEncoder().encode(text), {
    example: '',
    customTags: cfnCustomTags,
  });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return parseTemplate(loaded.value).template;
};

const TRUST = `
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: !Sub "arn:\${AWS::Partition}:iam::\${AssumingAccountID}:root" }
            Action: sts:AssumeRole`;

/** One role `R` with these statements in one inline policy `P`. */
const withStatements = (statements: string): RolePrivilege => {
  const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      Policies:
        - PolicyName: P
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
${statements.replace(/^/gm, '              ')}
`;
  const privilege = analyzeRoles(template(text)).get('R');
  if (privilege === undefined) throw new Error('no role R');
  return privilege;
};

/** One role `R` with these ManagedPolicyArns. */
const withManaged = (...arns: string[]): RolePrivilege => {
  const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      ManagedPolicyArns:
${arns.map((a) => `        - ${a}`).join('\n')}
`;
  const privilege = analyzeRoles(template(text)).get('R');
  if (privilege === undefined) throw new Error('no role R');
  return privilege;
};

describe('privilege levels of inline statements', () => {
  test('"Action": "*" on "*" is admin, and says which statement makes it so', () => {
    const p = withStatements(`- { Effect: Allow, Action: "*", Resource: "*" }`);
    expect(p.level).toBe('admin');
    expect(p.reasons[0]).toBe('Allow * on * (inline policy P)');
  });

  test('the JSON form of a template is read the same way', () => {
    const json = JSON.stringify({
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Statement: [] },
            Policies: [
              {
                PolicyName: 'P',
                PolicyDocument: { Statement: { Effect: 'Allow', Action: ['*'], Resource: ['*'] } },
              },
            ],
          },
        },
      },
    });
    expect(analyzeRoles(template(json)).get('R')?.level).toBe('admin');
  });

  test('NotAction iam:* on * is write: everything else, but no IAM', () => {
    const p = withStatements(`- { Effect: Allow, NotAction: "iam:*", Resource: "*" }`);
    expect(p.level).toBe('write');
    expect(p.reasons[0]).toContain('everything except iam:*');
  });

  test('Allow * with Deny iam:* is write: the Deny takes away every IAM write', () => {
    const p = withStatements(`- { Effect: Allow, Action: "*", Resource: "*" }
- { Effect: Deny, Action: "iam:*", Resource: "*" }`);
    expect(p.level).toBe('write');
    expect(p.reasons).toContain('Deny iam:* on * (inline policy P) is subtracted');
  });

  test('a Deny with a condition does not subtract (the safe reading)', () => {
    const p = withStatements(`- { Effect: Allow, Action: "iam:*", Resource: "*" }
- Effect: Deny
  Action: "iam:*"
  Resource: "*"
  Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } }`);
    expect(p.level).toBe('iam-write');
    expect(p.reasons.some((r) => r.includes('is not subtracted: it has a condition'))).toBe(true);
  });

  test('a Deny on some resources only does not make IAM safe, but rules out admin', () => {
    const p = withStatements(`- { Effect: Allow, Action: "*", Resource: "*" }
- { Effect: Deny, Action: "iam:*", Resource: "arn:aws:iam::*:role/Protected" }`);
    expect(p.level).toBe('iam-write');
  });

  test('a Deny of IAM Put/Attach/Create still leaves removing policies: iam-write', () => {
    const p = withStatements(`- { Effect: Allow, Action: "*", Resource: "*" }
- { Effect: Deny, Action: ["iam:Put*", "iam:Attach*", "iam:Create*"], Resource: "*" }`);
    expect(p.level).toBe('iam-write');
    expect(p.reasons[0]).toContain('iam:DeleteRolePolicy');
    expect(p.reasons[0]).not.toContain('iam:PutRolePolicy');
  });

  test('a Deny of everything but iam:PassRole leaves iam-write, justified by PassRole alone', () => {
    const p = withStatements(`- { Effect: Allow, Action: "*", Resource: "*" }
- { Effect: Deny, NotAction: "iam:PassRole", Resource: "*" }`);
    expect(p.level).toBe('iam-write');
    expect(p.reasons[0]).toBe('Allow * on * (inline policy P) permits iam:PassRole');
  });

  test('a conditioned Allow still grants, and the condition shows in the reason', () => {
    const p = withStatements(`- Effect: Allow
  Action: "*"
  Resource: "*"
  Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "eu-central-1"] } }`);
    expect(p.level).toBe('admin');
    expect(p.reasons[0]).toBe(
      'Allow * on * when StringEquals aws:RequestedRegion eu-central-1, eu-west-1 (inline policy P)',
    );
  });

  test.each([
    ['iam:*', 'iam:PutRolePolicy'],
    ['iam:Pass*', 'iam:PassRole'],
    ['iam:Put*', 'iam:PutGroupPolicy'],
    ['iam:passrole', 'iam:PassRole'],
    ['iam:*Policy', 'iam:AttachRolePolicy'],
    ['iam:UpdateAssumeRolePolicy', 'iam:UpdateAssumeRolePolicy'],
  ])('%s is iam-write (it permits %s)', (action, permits) => {
    const p = withStatements(`- { Effect: Allow, Action: "${action}", Resource: "*" }`);
    expect(p.level).toBe('iam-write');
    expect(p.reasons[0]).toContain(permits);
  });

  test('iam:PassRole on one role ARN is still iam-write (resources do not lower the level)', () => {
    const p = withStatements(`- { Effect: Allow, Action: iam:PassRole, Resource: !GetAtt Other.Arn }`);
    expect(p.level).toBe('iam-write');
    expect(p.reasons[0]).toBe('Allow iam:PassRole on ${Other.Arn} (inline policy P) permits iam:PassRole');
  });

  test('iam:CreateServiceLinkedRole and IAM reads are write, not iam-write', () => {
    expect(
      withStatements(`- { Effect: Allow, Action: iam:CreateServiceLinkedRole, Resource: "*" }`).level,
    ).toBe('write');
    expect(
      withStatements(`- { Effect: Allow, Action: ["iam:Get*", "iam:List*"], Resource: "*" }`).level,
    ).toBe('read-only');
  });

  test.each([
    [['s3:Get*', 'ec2:Describe*', 'cloudtrail:LookupEvents', 'dynamodb:Query'], 'read-only'],
    [['s3:get*', 'S3:LISTBUCKET'], 'read-only'],
    [['s3:GetObject', 's3:PutObject'], 'write'],
    [['s3:*'], 'write'],
    [['s3:G*'], 'write'],
    [['s3:*Object'], 'write'],
    [['kms:GenerateDataKey'], 'write'],
  ])('actions %j are %s', (actions, level) => {
    const p = withStatements(`- { Effect: Allow, Action: ${JSON.stringify(actions)}, Resource: "*" }`);
    expect(p.level).toBe(level);
  });

  test('write actions all denied leave read-only', () => {
    const p = withStatements(`- { Effect: Allow, Action: ["s3:Put*", "s3:Get*"], Resource: "*" }
- { Effect: Deny, Action: "s3:*", Resource: "*" }`);
    expect(p.level).toBe('read-only');
  });

  test('a Deny with NotAction subtracts everything outside its list', () => {
    const p = withStatements(`- { Effect: Allow, Action: ["s3:PutObject", "ec2:Describe*"], Resource: "*" }
- { Effect: Deny, NotAction: "ec2:*", Resource: "*" }`);
    expect(p.level).toBe('read-only');
  });

  test('no statement at all is read-only: it grants nothing', () => {
    const p = withStatements(`[]`);
    expect(p.level).toBe('read-only');
    expect(p.reasons).toEqual(['grants no permissions']);
  });

  test('an Action known only at deploy makes the role custom', () => {
    const p = withStatements(`- { Effect: Allow, Action: !Ref ActionParam, Resource: "*" }`);
    expect(p.level).toBe('custom');
    expect(p.atLeast).toBe('read-only');
    expect(p.reasons[0]).toContain('${ActionParam}');
  });

  test('an Effect known only at deploy makes the role custom', () => {
    const p = withStatements(`- { Effect: !If [Cond, Allow, Deny], Action: "s3:Get*", Resource: "*" }`);
    expect(p.level).toBe('custom');
  });

  test('a Deny whose Action is known only at deploy just does not subtract', () => {
    const p = withStatements(`- { Effect: Allow, Action: "s3:Get*", Resource: "*" }
- { Effect: Deny, Action: !Ref Denied, Resource: "*" }`);
    expect(p.level).toBe('read-only');
  });

  test('a policy document given as JSON text is parsed', () => {
    const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      Policies:
        - PolicyName: Text
          PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}'
`;
    expect(analyzeRoles(template(text)).get('R')?.level).toBe('iam-write');
  });
});

describe('privilege levels of managed policies', () => {
  test.each([
    ['arn:aws:iam::aws:policy/AdministratorAccess', 'admin'],
    ['!Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess', 'admin'],
    ['arn:aws:iam::aws:policy/PowerUserAccess', 'write'],
    ['arn:aws:iam::aws:policy/IAMFullAccess', 'iam-write'],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'read-only'],
    ['arn:aws-us-gov:iam::aws:policy/SecurityAudit', 'read-only'],
    ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'read-only'],
    ['arn:aws:iam::aws:policy/job-function/Billing', 'write'],
    ['arn:aws:iam::aws:policy/job-function/DataScientist', 'iam-write'],
    ['arn:aws:iam::aws:policy/job-function/SystemAdministrator', 'iam-write'],
    ['arn:aws:iam::aws:policy/job-function/SupportUser', 'write'],
    // The job functions exist under job-function/ only; any other path is not AWS's policy.
    ['arn:aws:iam::aws:policy/Billing', 'custom'],
    // Named read-only, yet it may cancel any running query.
    ['arn:aws:iam::aws:policy/AmazonTimestreamReadOnlyAccess', 'write'],
    ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'read-only'],
    ['arn:aws:iam::aws:policy/AmazonS3FullAccess', 'custom'],
    ['arn:aws:iam::123456789012:policy/TeamPolicy', 'custom'],
    ['!Ref PolicyArnParameter', 'custom'],
  ])('%s is %s', (arn, level) => {
    expect(withManaged(arn).level).toBe(level);
  });

  test('the written-out AWS policies still lose what an inline Deny takes away', () => {
    const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      Policies:
        - PolicyName: NoIam
          PolicyDocument:
            Statement: [{ Effect: Deny, Action: "iam:*", Resource: "*" }]
`;
    expect(analyzeRoles(template(text)).get('R')?.level).toBe('write');
  });

  test('an unknown policy beside a known read-only one makes the role custom, at least read-only', () => {
    const p = withManaged(
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::123456789012:policy/Mystery',
    );
    expect(p.level).toBe('custom');
    expect(p.atLeast).toBe('read-only');
    expect(p.reasons[0]).toContain('arn:aws:iam::123456789012:policy/Mystery');
  });

  test('an unknown policy beside AdministratorAccess changes nothing: admin is the top', () => {
    const p = withManaged(
      'arn:aws:iam::aws:policy/AdministratorAccess',
      'arn:aws:iam::123456789012:policy/Mystery',
    );
    expect(p.level).toBe('admin');
  });

  test('each managed policy is a statement with its source', () => {
    const p = withManaged('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(p.statements).toHaveLength(1);
    expect(p.statements[0]?.source).toEqual({ kind: 'aws-managed', name: 'ReadOnlyAccess' });
    expect(p.statements[0]?.opaque?.level).toBe('read-only');
  });
});

describe('policies attached from other resources of the template', () => {
  const text = `Resources:
  A:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      ManagedPolicyArns: [!Ref Audit]
  B:
    Type: AWS::IAM::Role
    Properties:${TRUST}
  C:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      RoleName: literal-c
  Shared:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: shared
      Roles: [!Ref A, !Ref B]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "iam:PassRole", Resource: "*" }]
  Audit:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref A]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: ["s3:Get*"], Resource: "*" }]
  ByName:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [literal-c]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
`;
  const roles = analyzeRoles(template(text));

  test('an AWS::IAM::Policy attached to two roles counts for both', () => {
    expect(roles.get('A')?.level).toBe('iam-write');
    expect(roles.get('B')?.level).toBe('iam-write');
    expect(roles.get('B')?.statements.map((s) => s.source)).toEqual([{ kind: 'policy', name: 'Shared' }]);
  });

  test('an AWS::IAM::ManagedPolicy attached both by !Ref and by its Roles counts once', () => {
    const sources = roles.get('A')?.statements.map((s) => `${s.source.kind}:${s.source.name}`);
    expect(sources).toEqual(['managed-policy:Audit', 'policy:Shared']);
  });

  test('a managed policy naming a literal RoleName attaches to that role only', () => {
    expect(roles.get('C')?.level).toBe('admin');
    expect(roles.get('B')?.statements.some((s) => s.source.name === 'ByName')).toBe(false);
  });

  test('an AWS::IAM::RolePolicy names its role by RoleName', () => {
    const rolePolicy = `Resources:
  A:
    Type: AWS::IAM::Role
    Properties:${TRUST}
  Own:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref A
      PolicyName: own
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "s3:PutObject", Resource: "*" }] }
`;
    expect(analyzeRoles(template(rolePolicy)).get('A')?.level).toBe('write');
  });

  test('Policies known only at deploy, or a policy without a document, make the role custom', () => {
    const conditional = `Resources:
  A:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      Policies: !If [Prod, [], !Ref AWS::NoValue]
  B:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      Policies: [{ PolicyName: empty }]
`;
    const analyzed = analyzeRoles(template(conditional));
    expect(analyzed.get('A')?.level).toBe('custom');
    expect(analyzed.get('B')?.reasons[0]).toBe(
      'inline policy empty (it has no policy document): cannot be evaluated',
    );
  });

  test('only AWS::IAM::Role resources are analyzed, in template order', () => {
    expect([...roles.keys()]).toEqual(['A', 'B', 'C']);
  });
});

describe('level order', () => {
  test('read-only < write < iam-write < admin; custom is not comparable', () => {
    expect(levelRank('read-only')).toBe(0);
    expect(levelRank('admin')).toBe(3);
    expect(levelRank('custom')).toBeUndefined();
    expect(compareLevels('write', 'iam-write')).toBeLessThan(0);
    expect(compareLevels('admin', 'write')).toBeGreaterThan(0);
    expect(compareLevels('custom', 'custom')).toBe(0);
    expect(compareLevels('custom', 'read-only')).toBeUndefined();
  });
});
