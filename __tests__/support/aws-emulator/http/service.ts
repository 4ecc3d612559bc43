import type { Principal } from '../credentials.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import type { XmlObject } from '../protocol/xml.ts';
import type { World } from '../world.ts';

export type ServiceName = 'sts' | 'iam' | 'cloudformation';

/**
 * How a call is classified in the request log: `mutating` changes IAM or a stack,
 * `change-set` creates or deletes a change set (a review artefact, not a change).
 */
export type OperationCategory = 'read' | 'mutating' | 'change-set';

interface BaseContext {
  params: QueryParams;
  region: string;
  requestId: string;
  world: World;
}

export interface SignedContext extends BaseContext {
  principal: Principal;
}

export type AnonymousContext = BaseContext;

export type OperationResult = XmlObject | undefined;

export type Operation =
  | { auth: 'signed'; category: OperationCategory; handle(ctx: SignedContext): OperationResult }
  | { auth: 'anonymous'; category: OperationCategory; handle(ctx: AnonymousContext): OperationResult };

export interface ServiceDefinition {
  name: ServiceName;
  version: string;
  xmlns: string;
  operations: Readonly<Record<string, Operation>>;
}

export const signed = (
  category: OperationCategory,
  handle: (ctx: SignedContext) => OperationResult,
): Operation => ({ auth: 'signed', category, handle });

export const read = (handle: (ctx: SignedContext) => OperationResult): Operation => signed('read', handle);
export const mutating = (handle: (ctx: SignedContext) => OperationResult): Operation =>
  signed('mutating', handle);
