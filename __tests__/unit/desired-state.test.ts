import { REPO_ROOT } from '../support/harness/paths.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { loadRepository } from '../../src/core/load-repository.ts';
import { assumeRolePolicy } from '../../src/core/desired-state.ts';
import { publishedSchemas } from '../../src/core/config/published-schemas.ts';
import { workspaceReader } from '../../src/io/workspace-reader.ts';
import { memoryReader, VALID_CONFIG, validFiles, TEST_NOW } from './memory-reader.ts';

const root = REPO_ROOT;

describe('the samples', () => {
  const result = loadRepository(workspaceReader(root), 'samples/rolemodel.yml', {}, TEST_NOW);

  test('validate clean, without a warning', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.repository).toBeDefined();
  });

  test('describe one stack per account and one group per account and role', () => {
    const desired = result.repository?.desired;
    expect(desired?.stacks.map((s) => s.accountName)).toEqual(['prod', 'staging', 'cdn']);
    expect(desired?.groups.map((g) => g.name)).toContain('prod.AdminRole');
    expect(desired?.groups).toHaveLength(12);
    for (const group of desired?.groups ?? []) {
      expect(group.path).toBe('/RoleModel/');
      expect(group.policyName).toBe(`${group.name}-Policy`);
    }
    const params = desired?.stacks[0]?.parameters ?? [];
    expect(params).toContainEqual({ key: 'AssumingAccountID', value: '123456789012' });
  });

  test('match the published JSON Schemas', () => {
    const ajv = new Ajv2020({ strict: false });
    const schemas = publishedSchemas();
    const check = (schemaFile: string, dataFile: string): void => {
      const validateFn = ajv.compile(JSON.parse(schemas[schemaFile] ?? '{}'));
      const ok = validateFn(parse(readFileSync(join(root, 'samples', dataFile), 'utf8')));
      expect(validateFn.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    };
    check('rolemodel.schema.json', 'rolemodel.yml');
    check('users.schema.json', 'users.yml');
  });
});

describe('the published JSON Schema files', () => {
  test.each(Object.entries(publishedSchemas()))(
    'schemas/%s is up to date (run `npm run schemas`)',
    (name, text) => {
      expect(readFileSync(join(root, 'schemas', name), 'utf8')).toBe(text);
    },
  );

  test('reject what the checker rejects: an unquoted account id and an unknown key', () => {
    const ajv = new Ajv2020({ strict: false });
    const validateFn = ajv.compile(JSON.parse(publishedSchemas()['rolemodel.schema.json'] ?? '{}'));
    expect(validateFn(parse(VALID_CONFIG))).toBe(true);
    expect(validateFn(parse(VALID_CONFIG.replace('"123456789012"', '123456789012')))).toBe(false);
    expect(validateFn(parse(VALID_CONFIG.replace('stack_name:', 'stack_nme:')))).toBe(false);
  });

  test('accept both forms of a user map entry and the grant keys of the config; reject a bad end', () => {
    const ajv = new Ajv2020({ strict: false });
    const users = ajv.compile(JSON.parse(publishedSchemas()['users.schema.json'] ?? '{}'));
    const map = (entry: string) => parse(`prod:\n  AdminRole:\n    - alice\n    - ${entry}\n`);
    expect(users(map('{ user: dave, until: 2026-12-31, reason: "INC-4711" }'))).toBe(true);
    expect(users(map('{ user: erin, until: "2026-12-03T18:00:00+01:00" }'))).toBe(true);
    expect(users(map('{ user: dave, until: 2026-13-01 }'))).toBe(false);
    expect(users(map('{ user: dave, until: "2026-12-03T18:00:00" }'))).toBe(false);
    expect(users(map('{ user: dave }'))).toBe(false);
    expect(users(map('{ user: dave, until: 2026-12-31, expires: x }'))).toBe(false);
    const config = ajv.compile(JSON.parse(publishedSchemas()['rolemodel.schema.json'] ?? '{}'));
    expect(config(parse(`${VALID_CONFIG}max_grant_days: 30\nrequire_reason: true\n`))).toBe(true);
    expect(config(parse(`${VALID_CONFIG}max_grant_days: 0\n`))).toBe(false);
  });
});

describe('desired state', () => {
  test('a literal RoleName gives a known ARN; a generated one is known only after the stack exists', () => {
    const { repository } = loadRepository(memoryReader(validFiles()), 'rolemodel.yml', {}, TEST_NOW);
    const groups = repository?.desired.groups ?? [];
    expect(groups.find((g) => g.name === 'prod.ReadOnlyRole')?.roleArn).toBe(
      'arn:aws:iam::210987654321:role/read-only',
    );
    expect(groups.find((g) => g.name === 'prod.AdminRole')?.roleArn).toBeUndefined();
    expect(groups.find((g) => g.name === 'cdn.ReadOnlyRole')?.members.map((m) => m.userName)).toEqual([
      'bob',
    ]);
    expect(groups.find((g) => g.name === 'cdn.AdminRole')?.members).toEqual([]);
  });

  test.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eu-west-1', 'aws'],
  ])('ARNs in region %s use partition %s', (region, partition) => {
    const files = {
      ...validFiles(),
      'rolemodel.yml': VALID_CONFIG.replace('us-east-1', region).replace('arn:aws:', `arn:${partition}:`),
    };
    const { repository, diagnostics } = loadRepository(memoryReader(files), 'rolemodel.yml', {}, TEST_NOW);
    expect(diagnostics).toEqual([]);
    expect(repository?.config.partition).toBe(partition);
    expect(repository?.config.masterRoleArn).toBe(
      `arn:${partition}:iam::123456789012:role/rolemodel-deployer`,
    );
    expect(repository?.desired.groups.find((g) => g.name === 'prod.ReadOnlyRole')?.roleArn).toBe(
      `arn:${partition}:iam::210987654321:role/read-only`,
    );
  });

  test('the group policy is the one the original CLI wrote', () => {
    expect(assumeRolePolicy('arn:aws:iam::1:role/x')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: 'arn:aws:iam::1:role/x' }],
    });
  });

  test('account deployer roles default to the master role name; ARNs are kept', () => {
    const { repository } = loadRepository(memoryReader(validFiles()), 'rolemodel.yml', {}, TEST_NOW);
    expect(repository?.config.accounts.map((a) => a.deployerRoleArn)).toEqual([
      'arn:aws:iam::210987654321:role/rolemodel-deployer',
      'arn:aws:iam::310987654321:role/deployer',
    ]);
  });

  test('files are found relative to the config file', () => {
    const files = Object.fromEntries(Object.entries(validFiles()).map(([k, v]) => [`access/${k}`, v]));
    const { diagnostics } = loadRepository(memoryReader(files), 'access/rolemodel.yml', {}, TEST_NOW);
    expect(diagnostics).toEqual([]);
  });

  test('legacy keys of the original CLI are accepted with a warning', () => {
    const files = {
      ...validFiles(),
      'rolemodel.yml': VALID_CONFIG.replace(
        'region: us-east-1',
        'region: us-east-1\nmaster_account_profile: dev',
      ),
    };
    const { diagnostics, repository } = loadRepository(memoryReader(files), 'rolemodel.yml', {}, TEST_NOW);
    expect(repository).toBeDefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', line: 7 })]);
  });
});

describe('templates', () => {
  const withTemplate = (body: string) =>
    loadRepository(memoryReader({ ...validFiles(), 'roles.yml': body }), 'rolemodel.yml', {}, TEST_NOW);

  test('every CloudFormation short-form tag parses, in scalar, list and mapping form', () => {
    const tags = [
      'Ref',
      'Sub',
      'GetAtt',
      'Join',
      'If',
      'Select',
      'Split',
      'FindInMap',
      'Base64',
      'Cidr',
      'ImportValue',
      'Equals',
      'And',
      'Or',
      'Not',
      'Condition',
      'GetAZs',
    ];
    const lines = tags.flatMap((t, i) => [
      `  S${i}: !${t} a.b`,
      `  L${i}: !${t} [a, b]`,
      `  M${i}: !${t} { a: b }`,
    ]);
    const body = `Conditions:\n${lines.join('\n')}\nResources:\n  AdminRole:\n    Type: AWS::IAM::Role\n  ReadOnlyRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub "\${AWS::StackName}-ro"\n`;
    const { diagnostics, repository } = withTemplate(body);
    expect(diagnostics).toEqual([]);
    const conditions = repository?.template.document['Conditions'] as Record<string, unknown>;
    expect(conditions['S0']).toEqual({ Ref: 'a.b' });
    expect(conditions['S2']).toEqual({ 'Fn::GetAtt': ['a', 'b'] });
    expect(conditions['L4']).toEqual({ 'Fn::If': ['a', 'b'] });
    // A RoleName built with an intrinsic is not literal: its ARN is read from the stack.
    expect(repository?.template.roles.find((r) => r.logicalId === 'ReadOnlyRole')?.roleName).toBeUndefined();
  });

  test('JSON templates work and are sent as written', () => {
    const body = JSON.stringify(
      {
        Parameters: { AssumingAccountID: { Type: 'String' } },
        Resources: { AdminRole: { Type: 'AWS::IAM::Role' }, ReadOnlyRole: { Type: 'AWS::IAM::Role' } },
      },
      null,
      2,
    );
    const { diagnostics, repository } = withTemplate(body);
    expect(diagnostics).toEqual([]);
    expect(repository?.template.format).toBe('json');
    expect(repository?.desired.stacks[0]?.templateBody).toBe(body);
  });
});
