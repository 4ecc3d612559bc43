// Unit tests of the emulator's CloudFormation template engine (no HTTP involved).
import { AwsError } from '../support/aws-emulator/errors.ts';
import {
  evaluate,
  NO_VALUE,
  conditionResolver,
  type EvalContext,
} from '../support/aws-emulator/cloudformation/template/intrinsics.ts';
import { parseTemplate } from '../support/aws-emulator/cloudformation/template/parse.ts';
import { resolveParameters } from '../support/aws-emulator/cloudformation/template/parameters.ts';
import { creationOrder } from '../support/aws-emulator/cloudformation/template/references.ts';
import { generatedName } from '../support/aws-emulator/cloudformation/resources/naming.ts';
import { createRandom } from '../support/aws-emulator/util/random.ts';
import type { Json } from '../support/aws-emulator/util/json.ts';

function context(values: Record<string, Json>, conditions: Record<string, Json> = {}): EvalContext {
  const base: Omit<EvalContext, 'condition'> = {
    region: 'eu-west-1',
    values: new Map(
      Object.entries({ 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '123456789012', ...values }),
    ),
    mappings: { Env: { prod: { Size: 'large' } } },
    isResource: (name) => name === 'Role',
    ref: () => 'role-physical-id',
    getAtt: (id, attr) => `${id}.${attr}.value`,
    importValue: (name) => `imported-${name}`,
  };
  const condition = conditionResolver(new Map(Object.entries(conditions)), (resolve) => ({
    ...base,
    condition: resolve,
  }));
  return { ...base, condition };
}

function templateError(body: string): string {
  try {
    parseTemplate(body);
  } catch (error) {
    if (error instanceof AwsError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a template error');
}

describe('YAML short-form tags', () => {
  test('every short form becomes its long form', () => {
    const template = parseTemplate(`
Resources:
  R:
    Type: Custom::Thing
    Properties:
      A: !Ref P
      B: !Sub 'x-\${AWS::Region}'
      C: !GetAtt Role.Arn
      D: !Join [',', [a, b]]
      E: !If [Cond, 1, 2]
      F: !Select [0, !Split [',', 'a,b']]
      G: !FindInMap [Env, prod, Size]
      H: !Base64 hi
      I: !Cidr ['10.0.0.0/16', 2, 8]
      J: !ImportValue shared
      K: !GetAZs ''
      L: !Equals [a, b]
      M: !And [!Condition Cond, !Not [!Condition Cond]]
      N: !Or [!Condition Cond, !Condition Cond]
      O: !GetAtt [Role, RoleId]
  Role:
    Type: AWS::IAM::Role
    Properties: {}
Parameters:
  P: { Type: String }
Conditions:
  Cond: !Equals [!Ref P, x]
`);
    const props = template.resources.get('R')?.properties;
    expect(props).toEqual({
      A: { Ref: 'P' },
      B: { 'Fn::Sub': 'x-${AWS::Region}' },
      C: { 'Fn::GetAtt': ['Role', 'Arn'] },
      D: { 'Fn::Join': [',', ['a', 'b']] },
      E: { 'Fn::If': ['Cond', 1, 2] },
      F: { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] },
      G: { 'Fn::FindInMap': ['Env', 'prod', 'Size'] },
      H: { 'Fn::Base64': 'hi' },
      I: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
      J: { 'Fn::ImportValue': 'shared' },
      K: { 'Fn::GetAZs': '' },
      L: { 'Fn::Equals': ['a', 'b'] },
      M: { 'Fn::And': [{ Condition: 'Cond' }, { 'Fn::Not': [{ Condition: 'Cond' }] }] },
      N: { 'Fn::Or': [{ Condition: 'Cond' }, { Condition: 'Cond' }] },
      O: { 'Fn::GetAtt': ['Role', 'RoleId'] },
    });
  });

  test('JSON templates are accepted', () => {
    const template = parseTemplate(
      '{"Resources":{"R":{"Type":"Custom::X","Properties":{"A":{"Ref":"AWS::Region"}}}}}',
    );
    expect(template.resources.get('R')?.type).toBe('Custom::X');
  });
});

describe('intrinsic functions', () => {
  const ctx = context(
    { Stage: 'prod', Names: ['a', 'b', 'c'] },
    { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
  );
  const cases: [string, Json, Json | typeof NO_VALUE][] = [
    ['Ref parameter', { Ref: 'Stage' }, 'prod'],
    ['Ref resource', { Ref: 'Role' }, 'role-physical-id'],
    ['Ref AWS::NoValue', { Ref: 'AWS::NoValue' }, NO_VALUE],
    [
      'Sub string',
      { 'Fn::Sub': 'arn:${AWS::Region}:${Stage}:${Role.Arn}:${!Literal}' },
      'arn:eu-west-1:prod:Role.Arn.value:${Literal}',
    ],
    [
      'Sub with variables',
      { 'Fn::Sub': ['${A}-${Stage}', { A: { Ref: 'AWS::AccountId' } }] },
      '123456789012-prod',
    ],
    ['Join', { 'Fn::Join': ['-', ['x', { Ref: 'Stage' }]] }, 'x-prod'],
    ['Join list parameter', { 'Fn::Join': ['+', { Ref: 'Names' }] }, 'a+b+c'],
    ['GetAtt', { 'Fn::GetAtt': ['Role', 'Arn'] }, 'Role.Arn.value'],
    ['If true', { 'Fn::If': ['IsProd', 'big', 'small'] }, 'big'],
    ['Select', { 'Fn::Select': ['1', { Ref: 'Names' }] }, 'b'],
    ['Split', { 'Fn::Split': ['/', 'a/b'] }, ['a', 'b']],
    ['FindInMap', { 'Fn::FindInMap': ['Env', { Ref: 'Stage' }, 'Size'] }, 'large'],
    ['Base64', { 'Fn::Base64': 'hi' }, 'aGk='],
    ['Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }, ['10.0.0.0/24', '10.0.1.0/24']],
    ['ImportValue', { 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-x' } }, 'imported-prod-x'],
    ['GetAZs', { 'Fn::GetAZs': '' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    ['Equals', { 'Fn::Equals': ['a', 'a'] }, true],
    [
      'And/Or/Not',
      { 'Fn::And': [{ 'Fn::Or': [{ Condition: 'IsProd' }, false] }, { 'Fn::Not': [false] }] },
      true,
    ],
    [
      'NoValue removes list items and keys',
      { a: [1, { Ref: 'AWS::NoValue' }], b: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 1] } },
      { a: [1] },
    ],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(evaluate(input, ctx)).toEqual(expected);
  });
});

describe('template validation', () => {
  test('unresolved references are format errors', () => {
    expect(
      templateError('Resources:\n  R:\n    Type: Custom::X\n    Properties:\n      A: !Ref Nope\n'),
    ).toBe(
      'ValidationError: Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template',
    );
  });
  test('GetAtt of an undefined resource', () => {
    expect(
      templateError('Resources:\n  R:\n    Type: Custom::X\n    Properties:\n      A: !GetAtt Nope.Arn\n'),
    ).toBe('ValidationError: Template error: instance of Fn::GetAtt references undefined resource Nope');
  });
  test('templates need resources', () => {
    expect(templateError('Description: nothing\n')).toBe(
      'ValidationError: Template format error: At least one Resources member must be defined.',
    );
  });
  test('malformed YAML and JSON', () => {
    expect(templateError('Resources: [\n')).toMatch(
      /^ValidationError: Template format error: YAML not well-formed/,
    );
    expect(templateError('{"Resources": ')).toBe(
      'ValidationError: Template format error: JSON not well-formed.',
    );
  });
  test('circular dependencies', () => {
    expect(
      templateError(
        'Resources:\n  A:\n    Type: Custom::X\n    Properties: { X: !Ref B }\n  B:\n    Type: Custom::X\n    Properties: { X: !GetAtt A.Y }\n',
      ),
    ).toBe('ValidationError: Circular dependency between resources: [A, B]');
  });
  test('creation order follows dependencies', () => {
    const template = parseTemplate(
      'Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties: { Roles: [!Ref R] }\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n',
    );
    expect(creationOrder(template)).toEqual(['R', 'P']);
  });
});

describe('parameters', () => {
  const template = parseTemplate(`
Parameters:
  Account: { Type: String, AllowedPattern: '\\d{12}' }
  Size: { Type: String, Default: small, AllowedValues: [small, large] }
  Count: { Type: Number, Default: '1' }
Resources:
  R: { Type: Custom::X }
`);
  const messageOf = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      return (error as Error).message;
    }
    return 'no error';
  };
  test('defaults and given values', () => {
    expect(
      resolveParameters(
        template,
        [{ key: 'Account', value: '123456789012', usePreviousValue: false }],
        undefined,
      ),
    ).toEqual([
      { key: 'Account', value: '123456789012', noEcho: false },
      { key: 'Size', value: 'small', noEcho: false },
      { key: 'Count', value: '1', noEcho: false },
    ]);
  });
  test('errors read like CloudFormation', () => {
    expect(messageOf(() => resolveParameters(template, [], undefined))).toBe(
      'Parameters: [Account] must have values',
    );
    expect(
      messageOf(() =>
        resolveParameters(template, [{ key: 'Account', value: 'x', usePreviousValue: false }], undefined),
      ),
    ).toBe("Parameter 'Account' must match pattern \\d{12}");
    expect(
      messageOf(() =>
        resolveParameters(
          template,
          [
            { key: 'Account', value: '123456789012', usePreviousValue: false },
            { key: 'Size', value: 'huge', usePreviousValue: false },
          ],
          undefined,
        ),
      ),
    ).toBe("Parameter 'Size' must be one of AllowedValues");
    expect(
      messageOf(() =>
        resolveParameters(template, [{ key: 'Nope', value: 'x', usePreviousValue: false }], undefined),
      ),
    ).toBe('Parameters: [Nope] do not exist in the template');
  });
});

test('generated physical names follow <stack>-<logical>-<SUFFIX> and fit 64 chars', () => {
  const rng = createRandom(7);
  expect(generatedName('my-stack', 'AccessRole', rng)).toMatch(/^my-stack-AccessRole-[A-Z0-9]{12}$/);
  const long = generatedName('s'.repeat(80), 'L'.repeat(80), rng);
  expect(long.length).toBeLessThanOrEqual(64);
  expect(long).toMatch(/^s+-L+-[A-Z0-9]{12}$/);
});
