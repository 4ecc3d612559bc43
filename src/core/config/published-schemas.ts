// The JSON Schema files under schemas/, generated from the schemas the checker uses.
import { toJsonSchema } from '../schema/json-schema.ts';
import { teamsSchema } from '../teams/schema.ts';
import { configSchema, usersSchema } from './schema.ts';

const BASE = 'https://raw.githubusercontent.com/your-org/rolemodel-action/v1/schemas';

export const publishedSchemas = (): Readonly<Record<string, string>> => ({
  'rolemodel.schema.json': `${JSON.stringify(toJsonSchema(configSchema, `${BASE}/rolemodel.schema.json`, 'RoleModel config'), null, 2)}\n`,
  'users.schema.json': `${JSON.stringify(toJsonSchema(usersSchema, `${BASE}/users.schema.json`, 'RoleModel user map'), null, 2)}\n`,
  'teams.schema.json': `${JSON.stringify(toJsonSchema(teamsSchema, `${BASE}/teams.schema.json`, 'RoleModel teams'), null, 2)}\n`,
});
