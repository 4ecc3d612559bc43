import type { CfnEnv } from '../env.ts';
import type { Stack, StackParameter, StackResourceState, StackTag } from '../model.ts';
import type { ParsedTemplate } from '../template/model.ts';

export interface DeploymentSpec {
  kind: 'create' | 'update';
  template: ParsedTemplate;
  parameters: StackParameter[];
  capabilities: string[];
  tags: StackTag[];
  /** CREATE_FAILED / UPDATE_FAILED instead of rolling back. */
  disableRollback: boolean;
  /** CreateStack OnFailure=DELETE: delete the stack after rolling back. */
  deleteOnFailure: boolean;
  clientRequestToken: string | undefined;
  /** Run every phase synchronously (control API seeding). */
  immediate: boolean;
  onDone?: (succeeded: boolean) => void;
}

/** The stack as it was before the deployment, restored by an update rollback. */
export interface Snapshot {
  template: ParsedTemplate | undefined;
  parameters: StackParameter[];
  capabilities: string[];
  tags: StackTag[];
  outputs: Stack['outputs'];
  resources: Map<string, StackResourceState>;
}

export interface Journal {
  /** Inverse operations of what was provisioned, replayed backwards on rollback. */
  undo: (() => void)[];
  /** Replaced physical resources, deleted in the cleanup phase. */
  replaced: StackResourceState[];
}

export interface Failure {
  logicalId: string;
  physicalId: string;
  type: string;
  operation: 'create' | 'update';
  reason: string;
}

/** Everything one running deployment works with. */
export interface Run {
  env: CfnEnv;
  stack: Stack;
  spec: DeploymentSpec;
  journal: Journal;
}

export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
