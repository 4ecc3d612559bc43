import type { IamState } from '../../iam/model.ts';
import type { IamEnv } from '../../iam/store.ts';
import type { Json, JsonObject } from '../../util/json.ts';
import type { RequiresRecreation, StackResourceState } from '../model.ts';

export interface ProvisionContext {
  iam: IamState;
  env: IamEnv;
  account: string;
  region: string;
  stackName: string;
  logicalId: string;
}

export interface Provisioned {
  physicalId: string;
  attributes: Record<string, Json>;
}

/** How one resource type is created, updated in place and deleted. */
export interface ResourceProvider {
  /** Attributes Fn::GetAtt accepts; undefined accepts any. */
  readonly attributes: readonly string[] | undefined;
  /** Property holding a custom name, which makes replacement impossible without renaming. */
  readonly nameProperty: string | undefined;
  recreation(property: string): RequiresRecreation;
  create(ctx: ProvisionContext, properties: JsonObject): Provisioned;
  update(ctx: ProvisionContext, current: StackResourceState, properties: JsonObject): Provisioned;
  remove(ctx: ProvisionContext, current: StackResourceState): void;
}
