// Writes schemas/*.json from the schemas in src/core/config/schema.ts (`npm run schemas`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../src/core/config/published-schemas.ts';

for (const [name, text] of Object.entries(publishedSchemas())) {
  writeFileSync(join(import.meta.dirname, '..', 'schemas', name), text);
  console.log(`wrote schemas/${name}`);
}
