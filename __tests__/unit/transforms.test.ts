// Transforms: an error unless allowed by name; an allowed one is a prominent warning and makes
// the desired stacks carry it (their change sets then get CAPABILITY_AUTO_EXPAND).
import { loadRepository } from '../../src/core/load-repository.ts';
import { memoryReader, VALID_CONFIG, VALID_TEMPLATE, validFiles, TEST_NOW } from './memory-reader.ts';

const load = (config: string, template: string) =>
  loadRepository(
    memoryReader({ ...validFiles(), 'rolemodel.yml': config, 'roles.yml': template }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );

const allowing = (names: string): string =>
  VALID_CONFIG.replace('region: us-east-1', `region: us-east-1\nallow_transforms: ${names}`);

describe('transforms', () => {
  test('an allowed transform is a prominent warning on its line; the stacks carry it', () => {
    const { repository, diagnostics } = load(
      allowing('[AWS::LanguageExtensions]'),
      `Transform: AWS::LanguageExtensions\n${VALID_TEMPLATE}`,
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'roles.yml',
        line: 1,
        column: 12,
        severity: 'warning',
        prominent: true,
        message:
          'The template runs the transform "AWS::LanguageExtensions" (allowed by `allow_transforms`): the access review cannot see what it adds to the stack.',
      }),
    ]);
    expect(repository?.config.allowTransforms).toEqual(['AWS::LanguageExtensions']);
    expect(repository?.desired.stacks.map((s) => s.transforms)).toEqual([
      ['AWS::LanguageExtensions'],
      ['AWS::LanguageExtensions'],
    ]);
  });

  test('without transforms the stacks carry none', () => {
    const { repository } = load(VALID_CONFIG, VALID_TEMPLATE);
    expect(repository?.desired.stacks.map((s) => s.transforms)).toEqual([[], []]);
  });

  test('an allowance the template does not use is a warning on its line', () => {
    const { repository, diagnostics } = load(allowing('[AWS::Include]'), VALID_TEMPLATE);
    expect(repository).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'rolemodel.yml',
        line: 7,
        severity: 'warning',
        message: '`allow_transforms` lists "AWS::Include", which the template does not use.',
      }),
    ]);
    expect(diagnostics[0]?.prominent).toBeUndefined();
  });

  test('allowing is by exact name, and every transform of a JSON template counts', () => {
    const json = JSON.stringify(
      {
        Transform: ['AWS::LanguageExtensions'],
        Resources: {
          AdminRole: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { 'Fn::Transform': { Name: 'aws::include' } } },
          },
        },
      },
      null,
      2,
    );
    const { repository, diagnostics } = load(allowing('[AWS::LanguageExtensions, AWS::Include]'), json);
    expect(repository).toBeUndefined();
    const inTemplate = diagnostics.filter((d) => d.file === 'roles.yml');
    expect(inTemplate.map((d) => [d.line, d.severity, d.message])).toEqual(
      [
        [
          11,
          'error',
          'The template runs the transform "aws::include", which rolemodel.yml does not allow: CloudFormation runs it when the plan\'s change set is created, in every account, and the access review cannot see what it adds.',
        ],
        [3, 'warning', expect.stringContaining('"AWS::LanguageExtensions" (allowed by `allow_transforms`)')],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
  });
});
