// The base branch's template is found where the base branch's config says it was.
import { templatePathOf } from '../../src/core/template/base-template.ts';

test('the template path comes from the base config, relative to it', () => {
  expect(templatePathOf('access/rolemodel.yml', 'assumable_roles: ../templates/roles.yml\n')).toBe(
    'templates/roles.yml',
  );
  expect(templatePathOf('rolemodel.yml', 'assumable_roles: old-roles.yml\n')).toBe('old-roles.yml');
});

test('a base config without a template, or one that does not parse, gives none', () => {
  expect(templatePathOf('rolemodel.yml', 'stack_name: X\n')).toBeUndefined();
  expect(templatePathOf('rolemodel.yml', 'assumable_roles: [\n')).toBeUndefined();
});
