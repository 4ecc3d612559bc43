// Typed readers for evaluated resource properties; failures read like CloudFormation's schema errors.
import { AwsError } from '../../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../../util/json.ts';

/** Raised for invalid resource properties; becomes the resource's failure reason. */
export const propertyError = (logicalId: string, message: string): AwsError =>
  new AwsError(
    'ValidationError',
    `Properties validation failed for resource ${logicalId} with message: ${message}`,
  );

export function optionalString(props: JsonObject, key: string): string | undefined {
  const value = props[key];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function requiredValue(props: JsonObject, key: string, logicalId: string): Json {
  const value = props[key];
  if (value === undefined || value === null) {
    throw propertyError(logicalId, `#: required key [${key}] not found`);
  }
  return value;
}

export function stringList(props: JsonObject, key: string): string[] {
  const value = props[key];
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map((item) => String(item)) : [String(value)];
}

/** Policy documents may be given as objects (JSON/YAML) or as JSON strings. */
export function policyDocument(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface InlinePolicy {
  name: string;
  document: string;
}

export function inlinePolicies(props: JsonObject, logicalId: string): InlinePolicy[] {
  const value = props.Policies;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw propertyError(logicalId, '#/Policies: expected type: JSONArray, found: JSONObject');
  return value.map((item, index) => {
    if (!isJsonObject(item)) throw propertyError(logicalId, `#/Policies/${index}: expected type: JSONObject`);
    return {
      name: String(requiredValue(item, 'PolicyName', logicalId)),
      document: policyDocument(requiredValue(item, 'PolicyDocument', logicalId)),
    };
  });
}
