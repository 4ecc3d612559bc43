// Parses a template body (JSON or YAML) into a typed structure, reporting problems with the
// "Template format error" messages CloudFormation uses.
import { parseDocument } from 'yaml';
import { formatError } from './errors.ts';
import { isJsonObject, toJson, type Json, type JsonObject } from '../../util/json.ts';
import type { OutputDecl, ParameterDecl, ParsedTemplate, ResourceDecl } from './model.ts';
import { validateReferences } from './references.ts';
import { CLOUDFORMATION_TAGS } from './yaml-tags.ts';

const TOP_LEVEL = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
]);

const PARAMETER_TYPE =
  /^(String|Number|List<Number>|CommaDelimitedList|AWS::[\w:]+|List<AWS::[\w:]+>|AWS::SSM::Parameter::Value<.+>)$/;

function parseBody(body: string): Json {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return toJson(JSON.parse(body));
    } catch {
      throw formatError('JSON not well-formed.');
    }
  }
  const doc = parseDocument(body, { customTags: CLOUDFORMATION_TAGS, schema: 'core', uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const pos = problem.linePos?.[0];
    throw formatError(`YAML not well-formed.${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}`);
  }
  return toJson(doc.toJS({ maxAliasCount: 1000 }));
}

const optionalString = (value: Json | undefined): string | undefined =>
  value === undefined || value === null ? undefined : String(value);

const optionalNumber = (value: Json | undefined): number | undefined =>
  value === undefined || value === null ? undefined : Number(value);

function objectSection(root: JsonObject, name: string): JsonObject {
  const section = root[name];
  if (section === undefined) return {};
  if (!isJsonObject(section)) throw formatError(`${name} must be an object.`);
  return section;
}

function parseParameter(name: string, value: Json): ParameterDecl {
  if (!isJsonObject(value) || typeof value.Type !== 'string') {
    throw formatError(`[/Parameters/${name}] Every Parameters object must contain a Type member.`);
  }
  if (!PARAMETER_TYPE.test(value.Type)) throw formatError(`Unrecognized parameter type: ${value.Type}`);
  const allowed = value.AllowedValues;
  return {
    type: value.Type,
    default: optionalString(value.Default),
    allowedValues: Array.isArray(allowed) ? allowed.map(String) : undefined,
    allowedPattern: optionalString(value.AllowedPattern),
    noEcho: String(value.NoEcho) === 'true',
    description: optionalString(value.Description),
    minLength: optionalNumber(value.MinLength),
    maxLength: optionalNumber(value.MaxLength),
    minValue: optionalNumber(value.MinValue),
    maxValue: optionalNumber(value.MaxValue),
    constraintDescription: optionalString(value.ConstraintDescription),
  };
}

function parseResource(name: string, value: Json): ResourceDecl {
  if (!isJsonObject(value) || typeof value.Type !== 'string') {
    throw formatError(`[/Resources/${name}] Every Resources object must contain a Type member.`);
  }
  const properties = value.Properties ?? {};
  if (!isJsonObject(properties))
    throw formatError(`[/Resources/${name}/Properties] Properties must be an object.`);
  const dependsOn = value.DependsOn;
  return {
    type: value.Type,
    properties,
    condition: optionalString(value.Condition),
    dependsOn:
      dependsOn === undefined ? [] : Array.isArray(dependsOn) ? dependsOn.map(String) : [String(dependsOn)],
    deletionPolicy: optionalString(value.DeletionPolicy),
  };
}

function parseOutput(name: string, value: Json): OutputDecl {
  if (!isJsonObject(value) || value.Value === undefined) {
    throw formatError(`[/Outputs/${name}] Every Outputs member must contain a Value object.`);
  }
  const exported = value.Export;
  return {
    value: value.Value,
    description: value.Description,
    exportName: isJsonObject(exported) ? exported.Name : undefined,
    condition: optionalString(value.Condition),
  };
}

function entries<T>(section: JsonObject, parse: (name: string, value: Json) => T): Map<string, T> {
  return new Map(Object.entries(section).map(([name, value]) => [name, parse(name, value)]));
}

export function parseTemplate(body: string): ParsedTemplate {
  const root = parseBody(body);
  if (!isJsonObject(root)) throw formatError('Template must be a JSON or YAML object.');
  const unknown = Object.keys(root).filter((key) => !TOP_LEVEL.has(key));
  if (unknown.length > 0)
    throw formatError(`Invalid template property or properties [${unknown.join(', ')}]`);
  const resources = objectSection(root, 'Resources');
  if (Object.keys(resources).length === 0)
    throw formatError('At least one Resources member must be defined.');
  const transform = root.Transform;
  const template: ParsedTemplate = {
    body,
    formatVersion: optionalString(root.AWSTemplateFormatVersion),
    description: optionalString(root.Description),
    transforms:
      transform === undefined ? [] : Array.isArray(transform) ? transform.map(String) : [String(transform)],
    metadata: root.Metadata,
    parameters: entries(objectSection(root, 'Parameters'), parseParameter),
    mappings: objectSection(root, 'Mappings'),
    conditions: new Map(Object.entries(objectSection(root, 'Conditions'))),
    resources: entries(resources, parseResource),
    outputs: entries(objectSection(root, 'Outputs'), parseOutput),
  };
  validateReferences(template);
  return template;
}
