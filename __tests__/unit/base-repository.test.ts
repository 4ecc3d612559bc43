// The base branch's files go through the same loader as the head's: the base config says
// where its template and user map were.
import { loadBaseRepository } from '../../src/io/base-repository.ts';
import type { AsyncFileReader } from '../../src/io/read-through.ts';
import { VALID_CONFIG, VALID_TEMPLATE, VALID_USERS, TEST_NOW } from './memory-reader.ts';

const asyncReader =
  (files: Readonly<Record<string, string>>, asked: string[] = []): AsyncFileReader =>
  async (path) => {
    asked.push(path);
    const text = files[path];
    return text === undefined ? undefined : new TextEncoder().encode(text);
  };

test('the template path comes from the base config, relative to it', async () => {
  const asked: string[] = [];
  const base = await loadBaseRepository(
    asyncReader(
      {
        'access/rolemodel.yml': VALID_CONFIG.replace(
          'assumable_roles: roles.yml',
          'assumable_roles: ../templates/roles.yml',
        ).replace('users: users.yml\n', ''),
        'templates/roles.yml': VALID_TEMPLATE,
      },
      asked,
    ),
    'access/rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(asked).toContain('templates/roles.yml');
  expect(base.kind === 'loaded' ? base.repository.template.file : base.kind).toBe('templates/roles.yml');
  const old = await loadBaseRepository(
    asyncReader({
      'rolemodel.yml': VALID_CONFIG.replace('assumable_roles: roles.yml', 'assumable_roles: old-roles.yml'),
      'old-roles.yml': VALID_TEMPLATE,
      'users.yml': VALID_USERS,
    }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(old.kind === 'loaded' ? old.repository.template.file : old.kind).toBe('old-roles.yml');
});

test("the base user map is read at the base config's own `users` path", async () => {
  const base = await loadBaseRepository(
    asyncReader({
      'rolemodel.yml': VALID_CONFIG.replace('users: users.yml', 'users: people/old-users.yml'),
      'roles.yml': VALID_TEMPLATE,
      'people/old-users.yml': 'prod:\n  AdminRole: [carol]\n',
      'users.yml': VALID_USERS,
    }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(
    base.kind === 'loaded'
      ? base.repository.users
          .get('prod')
          ?.get('AdminRole')
          ?.map((u) => u.userName)
      : base.kind,
  ).toEqual(['carol']);
});

test('a base config without a template, or one that does not parse, gives none', async () => {
  const noTemplate = await loadBaseRepository(
    asyncReader({ 'rolemodel.yml': 'stack_name: X\n' }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(noTemplate.kind).toBe('unreadable');
  const broken = await loadBaseRepository(
    asyncReader({ 'rolemodel.yml': 'assumable_roles: [\n' }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(broken.kind).toBe('unreadable');
});

test('a template with short-form tags loads; one that is not YAML makes the base unreadable', async () => {
  const files = { 'rolemodel.yml': VALID_CONFIG.replace('users: users.yml\n', '') };
  const tagged = await loadBaseRepository(
    asyncReader({ ...files, 'roles.yml': VALID_TEMPLATE }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(tagged.kind === 'loaded' ? tagged.repository.template.roles : tagged.kind).toHaveLength(2);
  const broken = await loadBaseRepository(
    asyncReader({ ...files, 'roles.yml': 'Resources: [\n' }),
    'rolemodel.yml',
    {},
    TEST_NOW,
  );
  expect(broken.kind).toBe('unreadable');
});

test('a base without the config is a repository without RoleModel yet', async () => {
  expect((await loadBaseRepository(asyncReader({}), 'rolemodel.yml', {}, TEST_NOW)).kind).toBe('absent');
});
