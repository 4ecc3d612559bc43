// Any other resource type: accepted without side effects, with a generated physical id.
import { generatedName } from './naming.ts';
import type { ResourceProvider } from './types.ts';

export const opaqueProvider: ResourceProvider = {
  attributes: undefined,
  nameProperty: undefined,
  recreation: () => 'Never',
  create(ctx) {
    return { physicalId: generatedName(ctx.stackName, ctx.logicalId, ctx.env.rng), attributes: {} };
  },
  update(_ctx, current) {
    return { physicalId: current.physicalId, attributes: current.attributes };
  },
  remove() {},
};

/** Attribute values for opaque resources, shaped like ARNs where the name suggests one. */
export function opaqueAttribute(
  physicalId: string,
  attribute: string,
  account: string,
  region: string,
): string {
  if (attribute === 'Arn' || attribute.endsWith('Arn'))
    return `arn:aws:emulated:${region}:${account}:${physicalId}`;
  return `${physicalId}.${attribute}`;
}
