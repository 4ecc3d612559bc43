// The original CLI's profile keys in the config: read for the command line with their
// positions, so the action's "ignored" warnings for them can be told apart, and checked.
import { isIgnoredKeyWarning, readProfileKeys } from '../../src/core/config/cli-keys.ts';
import { loadRepository } from '../../src/core/load-repository.ts';
import { loadYaml } from '../../src/core/yaml/load.ts';
import { memoryReader, VALID_TEMPLATE, TEST_NOW } from './memory-reader.ts';

const CONFIG = `assumable_roles: roles.yml
master_account_id: "123456789012"
master_account_profile: admin
assumable_accounts:
  - name: prod
    account_id: "210987654321"
    profile: prod-admin
  - name: dev
    account_id: "310987654321"
    profile: 42
`;

const yamlOf = (text: string) => {
  const loaded = loadYaml('rolemodel.yml', new TextEncoder().encode(text), { example: '' });
  if (!loaded.ok) throw new Error('not YAML');
  return loaded.value;
};

test('the master profile and each account profile, a profile that is not a name an error at its line', () => {
  const keys = readProfileKeys(yamlOf(CONFIG));
  expect(keys.masterProfile).toBe('admin');
  expect([...keys.accountProfiles]).toEqual([['prod', 'prod-admin']]);
  expect(keys.diagnostics).toEqual([
    expect.objectContaining({ severity: 'error', file: 'rolemodel.yml', line: 10, column: 14 }),
  ]);
});

test("exactly the action's warnings about these keys are recognised as not applying", () => {
  const { diagnostics } = loadRepository(
    memoryReader({
      'rolemodel.yml': CONFIG.replace('profile: 42', 'profile: dev'),
      'roles.yml': VALID_TEMPLATE,
    }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  const keys = readProfileKeys(yamlOf(CONFIG));
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  expect(warnings.map((w) => w.line)).toEqual([3, 7, 10]);
  expect(warnings.every((w) => isIgnoredKeyWarning(w, keys))).toBe(true);
  const [first] = warnings;
  if (first === undefined) throw new Error('no warning');
  expect(isIgnoredKeyWarning({ ...first, line: 4 }, keys)).toBe(false);
});
