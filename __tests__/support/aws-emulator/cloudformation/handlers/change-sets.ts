// Change set operations of the CloudFormation API.
import { validationError } from '../../errors.ts';
import { mutating, read, signed, type Operation, type SignedContext } from '../../http/service.ts';
import type { XmlObject } from '../../protocol/xml.ts';
import { paginate } from '../../util/pagination.ts';
import { createChangeSet, deleteChangeSet, executeChangeSet, findChangeSet } from '../change-sets.ts';
import { changeSetSummaryShape, changeShape, parametersShape, tagsShape } from '../shapes.ts';
import { requireLiveStack } from '../stack-store.ts';
import { envOf, pageSizeOf, readTags, readTemplateRequest, regionOf } from './context.ts';

const invalidToken = () => validationError('Invalid NextToken.');

function changeSetType(value: string | undefined): 'CREATE' | 'UPDATE' {
  if (value === undefined || value === 'UPDATE') return 'UPDATE';
  if (value === 'CREATE') return 'CREATE';
  if (value === 'IMPORT') throw validationError('ChangeSetType IMPORT is not supported by the emulator.');
  throw validationError(
    `1 validation error detected: Value '${value}' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [IMPORT, UPDATE, CREATE]`,
  );
}

function changeSetOf(ctx: SignedContext) {
  return findChangeSet(regionOf(ctx), ctx.params.required('ChangeSetName'), ctx.params.string('StackName'));
}

function describeChangeSet(ctx: SignedContext): XmlObject {
  const changeSet = changeSetOf(ctx);
  const withValues = ctx.params.bool('IncludePropertyValues') ?? false;
  const size = pageSizeOf(ctx, 'DescribeChangeSet');
  const page = paginate(
    changeSet.changes,
    (c) => c.logicalId,
    ctx.params.string('NextToken'),
    size,
    invalidToken,
  );
  return {
    ChangeSetName: changeSet.name,
    ChangeSetId: changeSet.id,
    StackId: changeSet.stackId,
    StackName: changeSet.stackName,
    Description: changeSet.description,
    Parameters: parametersShape(changeSet.parameters),
    CreationTime: changeSet.creationTime,
    ExecutionStatus: changeSet.executionStatus,
    Status: changeSet.status,
    StatusReason: changeSet.statusReason,
    NotificationARNs: [],
    Capabilities: changeSet.capabilities,
    Tags: tagsShape(changeSet.tags),
    Changes: page.items.map((c) => changeShape(c, withValues)),
    NextToken: page.next,
    IncludeNestedStacks: false,
  };
}

function listChangeSets(ctx: SignedContext): XmlObject {
  const region = regionOf(ctx);
  const stack = requireLiveStack(region, ctx.params.required('StackName'));
  const changeSets = [...region.changeSets.values()].filter((c) => c.stackId === stack.id);
  const size = pageSizeOf(ctx, 'ListChangeSets');
  const page = paginate(changeSets, (c) => c.id, ctx.params.string('NextToken'), size, invalidToken);
  return { Summaries: page.items.map(changeSetSummaryShape), NextToken: page.next };
}

export const changeSetOperations: Record<string, Operation> = {
  CreateChangeSet: signed('change-set', (ctx) => {
    const { params } = ctx;
    const changeSet = createChangeSet(envOf(ctx), regionOf(ctx), {
      ...readTemplateRequest(params),
      stackName: params.required('StackName'),
      changeSetName: params.required('ChangeSetName'),
      type: changeSetType(params.string('ChangeSetType')),
      description: params.string('Description'),
      tags: readTags(params),
    });
    return { Id: changeSet.id, StackId: changeSet.stackId };
  }),
  DescribeChangeSet: read(describeChangeSet),
  ListChangeSets: read(listChangeSets),
  ExecuteChangeSet: mutating((ctx) => {
    executeChangeSet(envOf(ctx), regionOf(ctx), changeSetOf(ctx), {
      disableRollback: ctx.params.bool('DisableRollback'),
      clientRequestToken: ctx.params.string('ClientRequestToken'),
    });
    return {};
  }),
  DeleteChangeSet: signed('change-set', (ctx) => {
    deleteChangeSet(regionOf(ctx), changeSetOf(ctx));
    return {};
  }),
};
