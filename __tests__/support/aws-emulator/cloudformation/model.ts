// CloudFormation state of one account in one region.
import type { Json, JsonObject } from '../util/json.ts';
import type { ParsedTemplate } from './template/model.ts';
import type { TransformRun } from './transforms.ts';

export type StackStatus =
  | 'REVIEW_IN_PROGRESS'
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_FAILED'
  | 'ROLLBACK_COMPLETE'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_FAILED'
  | 'DELETE_COMPLETE';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS'
  | 'CREATE_COMPLETE'
  | 'CREATE_FAILED'
  | 'UPDATE_IN_PROGRESS'
  | 'UPDATE_COMPLETE'
  | 'UPDATE_FAILED'
  | 'DELETE_IN_PROGRESS'
  | 'DELETE_COMPLETE'
  | 'DELETE_FAILED'
  | 'DELETE_SKIPPED';

export interface StackParameter {
  key: string;
  /** Resolved value; list parameters keep their comma-separated form. */
  value: string;
  noEcho: boolean;
}

export interface StackTag {
  key: string;
  value: string;
}

export interface StackResourceState {
  logicalId: string;
  type: string;
  physicalId: string;
  status: ResourceStatus;
  statusReason: string | undefined;
  timestamp: Date;
  /** Properties after intrinsic evaluation, as last applied. */
  properties: JsonObject;
  attributes: Record<string, Json>;
  deletionPolicy: string | undefined;
}

export interface StackEvent {
  eventId: string;
  stackId: string;
  stackName: string;
  logicalId: string;
  physicalId: string;
  resourceType: string;
  timestamp: Date;
  status: string;
  reason: string | undefined;
  properties: string | undefined;
  clientRequestToken: string | undefined;
}

export interface StackOutput {
  key: string;
  value: string;
  description: string | undefined;
  exportName: string | undefined;
}

export interface Stack {
  id: string;
  name: string;
  account: string;
  region: string;
  status: StackStatus;
  statusReason: string | undefined;
  creationTime: Date;
  lastUpdatedTime: Date | undefined;
  deletionTime: Date | undefined;
  /** Undefined while the stack only exists for a CREATE change set (REVIEW_IN_PROGRESS). */
  template: ParsedTemplate | undefined;
  parameters: StackParameter[];
  capabilities: string[];
  tags: StackTag[];
  outputs: StackOutput[];
  resources: Map<string, StackResourceState>;
  /** Oldest first; the API returns them newest first. */
  events: StackEvent[];
  disableRollback: boolean;
  changeSetId: string | undefined;
}

export type ChangeSetStatus = 'CREATE_PENDING' | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'FAILED';
export type ExecutionStatus =
  'UNAVAILABLE' | 'AVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED';

export type RequiresRecreation = 'Never' | 'Conditionally' | 'Always';
export type Replacement = 'True' | 'False' | 'Conditional';

export interface ChangeDetail {
  name: string;
  requiresRecreation: RequiresRecreation;
  evaluation: 'Static' | 'Dynamic';
  changeSource: 'DirectModification' | 'ParameterReference' | 'ResourceReference';
  causingEntity: string | undefined;
  before: Json | undefined;
  after: Json | undefined;
}

export interface ResourceChange {
  action: 'Add' | 'Modify' | 'Remove';
  logicalId: string;
  physicalId: string | undefined;
  resourceType: string;
  replacement: Replacement | undefined;
  policyAction: 'Delete' | 'Retain' | 'ReplaceAndDelete' | undefined;
  scope: string[];
  details: ChangeDetail[];
  before: JsonObject | undefined;
  after: JsonObject | undefined;
}

export interface ChangeSet {
  id: string;
  name: string;
  stackId: string;
  stackName: string;
  type: 'CREATE' | 'UPDATE';
  description: string | undefined;
  status: ChangeSetStatus;
  statusReason: string | undefined;
  executionStatus: ExecutionStatus;
  creationTime: Date;
  template: ParsedTemplate;
  parameters: StackParameter[];
  capabilities: string[];
  tags: StackTag[];
  changes: ResourceChange[];
  /** Computed when the change set is submitted, revealed once it finishes creating. */
  outcome: { status: 'CREATE_COMPLETE' } | { status: 'FAILED'; reason: string };
}

export interface CfnRegionState {
  account: string;
  region: string;
  /** Live and deleted stacks, in creation order. */
  stacks: Stack[];
  changeSets: Map<string, ChangeSet>;
  /** Macros registered in the account and region (transform names besides the hosted ones). */
  macros: Set<string>;
  /** Every transform run while change sets were created, oldest first. */
  transformRuns: TransformRun[];
}

export function createCfnRegionState(account: string, region: string): CfnRegionState {
  return { account, region, stacks: [], changeSets: new Map(), macros: new Set(), transformRuns: [] };
}

export const isInProgress = (status: StackStatus): boolean => status.endsWith('_IN_PROGRESS');
