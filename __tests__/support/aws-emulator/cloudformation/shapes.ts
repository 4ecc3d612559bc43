// CloudFormation state rendered as the XML structures of the CloudFormation API.
import type { XmlObject } from '../protocol/xml.ts';
import type { Json } from '../util/json.ts';
import type {
  ChangeDetail,
  ChangeSet,
  ResourceChange,
  Stack,
  StackEvent,
  StackParameter,
  StackResourceState,
  StackTag,
} from './model.ts';

export const parametersShape = (parameters: readonly StackParameter[]): XmlObject[] =>
  parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.noEcho ? '****' : p.value }));

export const tagsShape = (tags: readonly StackTag[]): XmlObject[] =>
  tags.map((t) => ({ Key: t.key, Value: t.value }));

export const stackShape = (stack: Stack): XmlObject => ({
  StackId: stack.id,
  StackName: stack.name,
  ChangeSetId: stack.changeSetId,
  Description: stack.template?.description,
  Parameters: parametersShape(stack.parameters),
  CreationTime: stack.creationTime,
  DeletionTime: stack.deletionTime,
  LastUpdatedTime: stack.lastUpdatedTime,
  StackStatus: stack.status,
  StackStatusReason: stack.statusReason,
  DisableRollback: stack.disableRollback,
  NotificationARNs: [],
  Capabilities: stack.capabilities,
  Outputs: stack.outputs.map((o) => ({
    OutputKey: o.key,
    OutputValue: o.value,
    Description: o.description,
    ExportName: o.exportName,
  })),
  Tags: tagsShape(stack.tags),
  EnableTerminationProtection: false,
  DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
});

export const stackSummaryShape = (stack: Stack): XmlObject => ({
  StackId: stack.id,
  StackName: stack.name,
  TemplateDescription: stack.template?.description,
  CreationTime: stack.creationTime,
  LastUpdatedTime: stack.lastUpdatedTime,
  DeletionTime: stack.deletionTime,
  StackStatus: stack.status,
  StackStatusReason: stack.statusReason,
  DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
});

export const eventShape = (event: StackEvent): XmlObject => ({
  StackId: event.stackId,
  EventId: event.eventId,
  StackName: event.stackName,
  LogicalResourceId: event.logicalId,
  PhysicalResourceId: event.physicalId,
  ResourceType: event.resourceType,
  Timestamp: event.timestamp,
  ResourceStatus: event.status,
  ResourceStatusReason: event.reason,
  ResourceProperties: event.properties,
  ClientRequestToken: event.clientRequestToken,
});

export const stackResourceShape = (stack: Stack, resource: StackResourceState): XmlObject => ({
  StackName: stack.name,
  StackId: stack.id,
  LogicalResourceId: resource.logicalId,
  PhysicalResourceId: resource.physicalId,
  ResourceType: resource.type,
  Timestamp: resource.timestamp,
  ResourceStatus: resource.status,
  ResourceStatusReason: resource.statusReason,
  DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
});

export const resourceSummaryShape = (resource: StackResourceState): XmlObject => ({
  LogicalResourceId: resource.logicalId,
  PhysicalResourceId: resource.physicalId,
  ResourceType: resource.type,
  LastUpdatedTimestamp: resource.timestamp,
  ResourceStatus: resource.status,
  ResourceStatusReason: resource.statusReason,
  DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
});

const jsonText = (value: Json | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

function detailShape(detail: ChangeDetail, withValues: boolean): XmlObject {
  const changeType = detail.before === undefined ? 'Add' : detail.after === undefined ? 'Remove' : 'Modify';
  return {
    // A resource's Tags are their own attribute in a change set, as CloudFormation reports them.
    Target: {
      Attribute: detail.name === 'Tags' ? 'Tags' : 'Properties',
      Name: detail.name === 'Tags' ? undefined : detail.name,
      RequiresRecreation: detail.requiresRecreation,
      Path: withValues ? `/Properties/${detail.name}` : undefined,
      BeforeValue: withValues ? jsonText(detail.before) : undefined,
      AfterValue: withValues ? jsonText(detail.after) : undefined,
      AttributeChangeType: withValues ? changeType : undefined,
    },
    Evaluation: detail.evaluation,
    ChangeSource: detail.changeSource,
    CausingEntity: detail.causingEntity,
  };
}

export const changeShape = (change: ResourceChange, withValues: boolean): XmlObject => ({
  Type: 'Resource',
  ResourceChange: {
    PolicyAction: change.policyAction,
    Action: change.action,
    LogicalResourceId: change.logicalId,
    PhysicalResourceId: change.physicalId,
    ResourceType: change.resourceType,
    Replacement: change.replacement,
    Scope: change.scope,
    Details: change.details.map((d) => detailShape(d, withValues)),
    BeforeContext: withValues ? jsonText(change.before) : undefined,
    AfterContext: withValues ? jsonText(change.after) : undefined,
  },
});

export const changeSetSummaryShape = (changeSet: ChangeSet): XmlObject => ({
  StackId: changeSet.stackId,
  StackName: changeSet.stackName,
  ChangeSetId: changeSet.id,
  ChangeSetName: changeSet.name,
  ExecutionStatus: changeSet.executionStatus,
  Status: changeSet.status,
  StatusReason: changeSet.statusReason,
  CreationTime: changeSet.creationTime,
  Description: changeSet.description,
  IncludeNestedStacks: false,
});
