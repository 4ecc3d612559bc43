// CloudFormation's short-form tags (`!Ref`, `!Sub`, ...). The parser only has to accept
// them; `toPlain` turns a tagged node into the long form (`{ "Fn::Sub": ... }`).
import { YAMLMap, YAMLSeq } from 'yaml';
import type { CollectionTag, ScalarTag, Tags } from 'yaml';

export const CFN_SHORT_TAGS: readonly string[] = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'Base64',
  'Cidr',
  'ImportValue',
  'Equals',
  'And',
  'Or',
  'Not',
  'GetAZs',
  'Transform',
  'Length',
  'ToJsonString',
];

/** Tags the YAML parser accepts as they are, in every node kind. */
export const cfnCustomTags: Tags = CFN_SHORT_TAGS.flatMap((name): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq', nodeClass: YAMLSeq, resolve: (value) => value },
  { tag: `!${name}`, collection: 'map', nodeClass: YAMLMap, resolve: (value) => value },
]);

/** `!Ref X` -> `{ Ref: X }`, `!GetAtt A.B` -> `{ 'Fn::GetAtt': ['A', 'B'] }`, others -> `{ 'Fn::Name': v }`. */
export const longForm = (tag: string, value: unknown): Record<string, unknown> => {
  const name = tag.slice(1);
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
};
