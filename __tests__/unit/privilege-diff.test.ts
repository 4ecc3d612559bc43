import type { RoleTemplate } from '../../src/core/model.ts';
import {
  analyzeRoles,
  diffRolePolicies,
  diffTrust,
  escalationWarnings,
  privilegeChanges,
} from '../../src/core/privilege/privilege.ts';
import type { RolePrivilege } from '../../src/core/privilege/privilege.ts';
import { describeStatement } from '../../src/core/privilege/statements.ts';
import { parseTemplate } from '../../src/core/template/parse-template.ts';
import { cfnCustomTags } from '../../src/core/yaml/cfn-tags.ts';
import { loadYaml } from '../../src/core/yaml/load.ts';

const template = (text: string): RoleTemplate => {
  const loaded = loadYaml('roles.yml', new TextEncoder().encode(text), {
    example: '',
    customTags: cfnCustomTags,
  });
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return parseTemplate(loaded.value).template;
};

const MFA = `
            Condition:
              Bool: { "aws:MultiFactorAuthPresent": "true" }`;

/** Role `R`: trust statement(s) and permission statements as YAML flow lists. */
const role = (
  statements: string,
  trust = `Principal: { AWS: !Ref AssumingAccountID }${MFA}`,
  extra = '',
): RolePrivilege => {
  const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            ${trust}
      Policies:
        - PolicyName: P
          PolicyDocument:
            Statement: ${statements}
${extra}`;
  const privilege = analyzeRoles(template(text)).get('R');
  if (privilege === undefined) throw new Error('no role R');
  return privilege;
};

const texts = (statements: readonly Parameters<typeof describeStatement>[0][]): string[] =>
  statements.map((s) => describeStatement(s));

describe('statement diff', () => {
  test('added and removed statements, whatever the order, the Sids and the list forms', () => {
    const before = role(`[{ Sid: A, Effect: Allow, Action: [s3:GetObject, s3:ListBucket], Resource: "*" },
                        { Effect: Allow, Action: ec2:Describe*, Resource: "*" }]`);
    const after = role(`[{ Effect: Allow, Action: iam:PassRole, Resource: "*" },
                       { Sid: B, Effect: Allow, Action: [s3:ListBucket, s3:GetObject], Resource: ["*"] }]`);
    const diff = diffRolePolicies(before, after);
    expect(texts(diff.added)).toEqual(['Allow iam:PassRole on * (inline policy P)']);
    expect(texts(diff.removed)).toEqual(['Allow ec2:Describe* on * (inline policy P)']);
  });

  test('no change, no diff; a new role is all added, a removed one all removed', () => {
    const r = role(`[{ Effect: Allow, Action: "*", Resource: "*" }]`);
    expect(diffRolePolicies(r, r)).toEqual({ added: [], removed: [] });
    expect(diffRolePolicies(undefined, r).added).toHaveLength(1);
    expect(diffRolePolicies(r, undefined).removed).toHaveLength(1);
  });

  test('a duplicated statement counts twice', () => {
    const one = role(`[{ Effect: Allow, Action: s3:GetObject, Resource: "*" }]`);
    const two = role(
      `[{ Effect: Allow, Action: s3:GetObject, Resource: "*" }, { Effect: Allow, Action: s3:GetObject, Resource: "*" }]`,
    );
    expect(diffRolePolicies(one, two).added).toHaveLength(1);
  });
});

describe('trust diff', () => {
  const permissions = `[{ Effect: Allow, Action: s3:GetObject, Resource: "*" }]`;
  const withMfa = role(permissions);

  test('a trust policy losing its MFA condition is widened', () => {
    const without = role(permissions, `Principal: { AWS: !Ref AssumingAccountID }`);
    expect(withMfa.trust.requiresMfa).toBe(true);
    expect(without.trust.requiresMfa).toBe(false);
    expect(diffTrust(withMfa.trust, without.trust)).toEqual({
      widened: true,
      reasons: [
        'MFA no longer required for ${AssumingAccountID}:root',
        'condition removed or changed for ${AssumingAccountID}:root: Bool aws:MultiFactorAuthPresent true',
      ],
    });
  });

  test('BoolIfExists is not MFA: it lets long-term access keys through', () => {
    const ifExists = role(
      permissions,
      `Principal: { AWS: !Ref AssumingAccountID }
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }`,
    );
    expect(ifExists.trust.requiresMfa).toBe(false);
    expect(diffTrust(withMfa.trust, ifExists.trust).reasons[0]).toBe(
      'MFA no longer required for ${AssumingAccountID}:root',
    );
  });

  test('a new principal widens; adding a condition does not', () => {
    const more = role(
      permissions,
      `Principal: { AWS: [!Ref AssumingAccountID, "arn:aws:iam::999999999999:root"], Service: ec2.amazonaws.com }${MFA}`,
    );
    expect(more.trust.principals).toEqual([
      '${AssumingAccountID}:root',
      '999999999999:root',
      'ec2.amazonaws.com',
    ]);
    expect(diffTrust(withMfa.trust, more.trust).reasons).toEqual([
      'new principal 999999999999:root',
      'new principal ec2.amazonaws.com',
    ]);
    const stricter = role(
      permissions,
      `Principal: { AWS: !Ref AssumingAccountID }${MFA}
              StringEquals: { "aws:PrincipalTag/team": ops }`,
    );
    expect(diffTrust(withMfa.trust, stricter.trust)).toEqual({ widened: false, reasons: [] });
    expect(diffTrust(stricter.trust, withMfa.trust).widened).toBe(true);
  });

  test('Principal * widens, even for a new role', () => {
    const anyone = role(permissions, `Principal: "*"`);
    expect(anyone.trust.principals).toEqual(['*']);
    expect(diffTrust(withMfa.trust, anyone.trust).reasons).toEqual([
      'anyone (Principal *) may assume the role',
    ]);
    expect(diffTrust(undefined, anyone.trust).widened).toBe(true);
    expect(diffTrust(undefined, withMfa.trust).widened).toBe(false);
    expect(diffTrust(withMfa.trust, withMfa.trust).widened).toBe(false);
    expect(diffTrust(withMfa, anyone).widened).toBe(true);
  });

  test('a Deny removed from the trust policy widens it', () => {
    const denying = role(
      permissions,
      `Principal: { AWS: !Ref AssumingAccountID }${MFA}
          - Effect: Deny
            Action: sts:AssumeRole
            Principal: { AWS: arn:aws:iam::123456789012:user/mallory }`,
    );
    expect(denying.trust.denies).toEqual(['Deny arn:aws:iam::123456789012:user/mallory']);
    expect(diffTrust(denying.trust, withMfa.trust)).toEqual({
      widened: true,
      reasons: ['trust policy statement removed: Deny arn:aws:iam::123456789012:user/mallory'],
    });
  });
});

describe('escalation warnings', () => {
  const readOnly = role(`[{ Effect: Allow, Action: "s3:Get*", Resource: "*" }]`);
  const admin = role(`[{ Effect: Allow, Action: "*", Resource: "*" }]`);
  const write = role(`[{ Effect: Allow, Action: ["s3:*"], Resource: "*" }]`);

  test('a user who gains an admin role; nothing for a read-only one', () => {
    const warnings = escalationWarnings({
      roles: [
        { role: 'AdminRole', before: admin, after: admin },
        { role: 'ReadOnlyRole', before: readOnly, after: readOnly },
      ],
      memberships: [
        { account: 'prod', role: 'AdminRole', user: 'alice' },
        { account: 'prod', role: 'ReadOnlyRole', user: 'bob' },
      ],
    });
    expect(warnings).toEqual([
      {
        kind: 'grant-admin',
        account: 'prod',
        role: 'AdminRole',
        user: 'alice',
        message: 'alice gains prod.AdminRole, which grants admin: Allow * on * (inline policy P)',
      },
    ]);
  });

  test('a role that becomes admin, or a new admin role', () => {
    const warnings = escalationWarnings({
      roles: [
        { role: 'R', before: readOnly, after: admin },
        { role: 'New', before: undefined, after: admin },
      ],
      memberships: [],
    });
    expect(warnings.map((w) => [w.kind, w.role, w.message])).toEqual([
      ['grant-admin', 'New', 'New now grants admin: Allow * on * (inline policy P)'],
      ['grant-admin', 'R', 'R now grants admin (was read-only): Allow * on * (inline policy P)'],
    ]);
  });

  test('a role that becomes iam-write in one account', () => {
    const iam = role(`[{ Effect: Allow, Action: "iam:Pass*", Resource: "*" }]`);
    const warnings = escalationWarnings({
      roles: [{ account: 'prod', role: 'R', before: write, after: iam }],
      memberships: [{ account: 'prod', role: 'R', user: 'carol' }],
    });
    expect(warnings.map((w) => [w.kind, w.account, w.user])).toEqual([
      ['grant-iam-write', 'prod', undefined],
      ['grant-iam-write', 'prod', 'carol'],
    ]);
  });

  test('policies that gain power within a level, or rise to write', () => {
    const more = role(
      `[{ Effect: Allow, Action: ["s3:*"], Resource: "*" }, { Effect: Allow, Action: "sqs:SendMessage", Resource: "*" }]`,
    );
    const warnings = escalationWarnings({
      roles: [
        { role: 'Same', before: write, after: more },
        { role: 'Rise', before: readOnly, after: write },
      ],
      memberships: [],
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'Rise gains power (read-only -> write): gains Allow s3:* on * (inline policy P)',
      'Same gains power (write): gains Allow sqs:SendMessage on * (inline policy P)',
    ]);
  });

  test('narrowing a policy, or moving a statement, gains nothing', () => {
    const narrower = role(
      `[{ Effect: Allow, Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::b/*" }]`,
    );
    expect(
      escalationWarnings({ roles: [{ role: 'R', before: write, after: narrower }], memberships: [] }),
    ).toEqual([]);
  });

  test('removing a Deny gains power', () => {
    const denied = role(
      `[{ Effect: Allow, Action: ["s3:*"], Resource: "*" }, { Effect: Deny, Action: "s3:DeleteBucket", Resource: "*" }]`,
    );
    const warnings = escalationWarnings({
      roles: [{ role: 'R', before: denied, after: write }],
      memberships: [],
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'R gains power (write): loses Deny s3:DeleteBucket on * (inline policy P)',
    ]);
  });

  test('an unknown managed policy is warned about as custom, for the role and for its new members', () => {
    const custom = role(
      `[]`,
      `Principal: { AWS: !Ref AssumingAccountID }${MFA}`,
      '      ManagedPolicyArns: [arn:aws:iam::123456789012:policy/Mystery]\n',
    );
    expect(custom.level).toBe('custom');
    const warnings = escalationWarnings({
      roles: [{ role: 'R', before: readOnly, after: custom }],
      memberships: [{ account: 'cdn', role: 'R', user: 'dave' }],
    });
    expect(warnings.map((w) => [w.kind, w.user])).toEqual([
      ['custom-granted', undefined],
      ['custom-granted', 'dave'],
    ]);
    expect(warnings[0]?.message).toContain('custom (unknown; at least read-only) (was read-only)');
  });

  test('a trust policy that loses MFA', () => {
    const noMfa = role(
      `[{ Effect: Allow, Action: "s3:Get*", Resource: "*" }]`,
      `Principal: { AWS: !Ref AssumingAccountID }`,
    );
    const warnings = escalationWarnings({
      roles: [{ account: 'prod', role: 'R', before: readOnly, after: noMfa }],
      memberships: [],
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.kind).toBe('trust-widened');
    expect(warnings[0]?.message).toMatch(/^more principals may assume prod\.R: MFA no longer required/);
  });

  test('the privileges of an account take precedence over the shared ones', () => {
    const warnings = escalationWarnings({
      roles: [
        { role: 'R', before: readOnly, after: readOnly },
        { account: 'prod', role: 'R', before: admin, after: admin },
      ],
      memberships: [
        { account: 'prod', role: 'R', user: 'erin' },
        { account: 'cdn', role: 'R', user: 'erin' },
      ],
    });
    expect(warnings.map((w) => `${w.kind} ${w.account}`)).toEqual(['grant-admin prod']);
  });

  test('privilegeChanges pairs the roles of two template versions', () => {
    const text = (action: string): string => `Resources:
  A:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Policies: [{ PolicyName: P, PolicyDocument: { Statement: [{ Effect: Allow, Action: "${action}", Resource: "*" }] } }]
`;
    const before = analyzeRoles(template(text('s3:Get*')));
    const after = analyzeRoles(template(text('*').replace('  A:', '  B:')));
    const changes = privilegeChanges(before, after);
    expect(changes.map((c) => [c.role, c.before?.level, c.after?.level])).toEqual([
      ['B', undefined, 'admin'],
      ['A', 'read-only', undefined],
    ]);
    expect(privilegeChanges(undefined, after).map((c) => c.before)).toEqual([undefined]);
  });
});
