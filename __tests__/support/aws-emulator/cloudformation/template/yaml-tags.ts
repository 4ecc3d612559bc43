// CloudFormation short-form intrinsic tags (`!Ref X`) for the `yaml` package. Each tag may be
// applied to a scalar, a sequence or a mapping, so each is registered for all three node kinds.
import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!ImportValue': 'Fn::ImportValue',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!GetAZs': 'Fn::GetAZs',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
};

/** `!GetAtt Res.Attr` splits at the first dot; attribute names may contain dots themselves. */
function scalarValue(fn: string, text: string): unknown {
  if (fn !== 'Fn::GetAtt') return text;
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function tagsFor(tag: string, fn: string): (ScalarTag | CollectionTag)[] {
  const collection = (node: YAMLMap.Parsed | YAMLSeq.Parsed): unknown => ({ [fn]: node.toJSON() });
  return [
    { tag, resolve: (text: string) => ({ [fn]: scalarValue(fn, text) }) },
    { tag, collection: 'seq', resolve: collection },
    { tag, collection: 'map', resolve: collection },
  ];
}

export const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(
  ([tag, fn]) => tagsFor(tag, fn),
);
