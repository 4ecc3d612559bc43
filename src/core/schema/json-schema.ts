// Publishes a schema of ./types.ts as a JSON Schema (draft 2020-12) for editors.
import type { Schema } from './types.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const toJson = (schema: Schema): { [key: string]: JsonValue } => {
  switch (schema.type) {
    case 'string': {
      const out: { [key: string]: JsonValue } = { type: 'string', description: schema.description };
      if (schema.enum) out['enum'] = [...schema.enum];
      const patterns = (schema.rules ?? []).map((r) => r.pattern.source);
      if (patterns.length === 1) out['pattern'] = patterns[0] ?? '';
      if (patterns.length > 1) out['allOf'] = patterns.map((p) => ({ pattern: p }));
      if (schema.default !== undefined) out['default'] = schema.default;
      if (schema.examples) out['examples'] = [...schema.examples];
      return out;
    }
    case 'account-id':
      return { type: 'string', description: schema.description, pattern: '^\\d{12}$' };
    case 'scalar':
      return { type: ['string', 'number', 'boolean'], description: schema.description };
    case 'integer':
      return {
        type: 'integer',
        description: schema.description,
        minimum: schema.minimum,
        ...(schema.examples ? { examples: [...schema.examples] } : {}),
      };
    case 'boolean':
      return {
        type: 'boolean',
        description: schema.description,
        ...(schema.default === undefined ? {} : { default: schema.default }),
      };
    case 'either':
      return { description: schema.description, anyOf: schema.variants.map(toJson) };
    case 'array':
      return {
        type: 'array',
        description: schema.description,
        items: toJson(schema.items),
        ...(schema.minItems === undefined ? {} : { minItems: schema.minItems }),
      };
    case 'map':
      return {
        type: 'object',
        description: schema.description,
        propertyNames: toJson(schema.keys),
        additionalProperties: toJson(schema.values),
      };
    case 'object': {
      const properties: { [key: string]: JsonValue } = {};
      for (const [key, property] of Object.entries(schema.properties))
        properties[key] = toJson(property.schema);
      for (const [key, why] of Object.entries(schema.legacy ?? {})) {
        properties[key] = { description: `Ignored (original rolemodel CLI). ${why}`, deprecated: true };
      }
      const required = Object.entries(schema.properties)
        .filter(([, p]) => p.required)
        .map(([k]) => k);
      return {
        type: 'object',
        description: schema.description,
        properties,
        ...(required.length > 0 ? { required } : {}),
        additionalProperties: false,
      };
    }
  }
};

export const toJsonSchema = (schema: Schema, id: string, title: string): { [key: string]: JsonValue } => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: id,
  title,
  ...toJson(schema),
});
