// Stack operations of the CloudFormation API.
import { validationError } from '../../errors.ts';
import { mutating, read, type Operation, type SignedContext } from '../../http/service.ts';
import type { XmlObject } from '../../protocol/xml.ts';
import { paginate } from '../../util/pagination.ts';
import type { Stack } from '../model.ts';
import {
  eventShape,
  resourceSummaryShape,
  stackResourceShape,
  stackShape,
  stackSummaryShape,
} from '../shapes.ts';
import { createStack, deleteStack, updateStack } from '../stack-operations.ts';
import { requireStack } from '../stack-store.ts';
import { envOf, pageSizeOf, readTags, readTemplateRequest, regionOf } from './context.ts';

const invalidToken = () => validationError('Invalid NextToken.');

function describeStacks(ctx: SignedContext): XmlObject {
  const name = ctx.params.string('StackName');
  const region = regionOf(ctx);
  const stacks = name
    ? [requireStack(region, name)]
    : region.stacks.filter((s) => s.status !== 'DELETE_COMPLETE');
  const page = paginate(
    stacks,
    (s) => s.id,
    ctx.params.string('NextToken'),
    pageSizeOf(ctx, 'DescribeStacks'),
    invalidToken,
  );
  return { Stacks: page.items.map(stackShape), NextToken: page.next };
}

function listStacks(ctx: SignedContext): XmlObject {
  const filter = ctx.params.list('StackStatusFilter');
  const stacks = regionOf(ctx)
    .stacks.filter((s) => filter.length === 0 || filter.includes(s.status))
    .reverse();
  const page = paginate(
    stacks,
    (s) => s.id,
    ctx.params.string('NextToken'),
    pageSizeOf(ctx, 'ListStacks'),
    invalidToken,
  );
  return { StackSummaries: page.items.map(stackSummaryShape), NextToken: page.next };
}

function stackForResources(ctx: SignedContext): Stack {
  const name = ctx.params.string('StackName');
  const physicalId = ctx.params.string('PhysicalResourceId');
  const region = regionOf(ctx);
  if (name) return requireStack(region, name);
  if (!physicalId) throw validationError('Either StackName or PhysicalResourceId must be specified.');
  const stack = region.stacks.find((s) => [...s.resources.values()].some((r) => r.physicalId === physicalId));
  if (!stack) throw validationError(`Stack for ${physicalId} does not exist`);
  return stack;
}

function describeStackResources(ctx: SignedContext): XmlObject {
  const stack = stackForResources(ctx);
  const logicalId = ctx.params.string('LogicalResourceId');
  const physicalId = ctx.params.string('PhysicalResourceId');
  const resources = [...stack.resources.values()].filter(
    (r) => (!logicalId || r.logicalId === logicalId) && (!physicalId || r.physicalId === physicalId),
  );
  return { StackResources: resources.map((r) => stackResourceShape(stack, r)) };
}

function describeStackResource(ctx: SignedContext): XmlObject {
  const stack = requireStack(regionOf(ctx), ctx.params.required('StackName'));
  const logicalId = ctx.params.required('LogicalResourceId');
  const resource = stack.resources.get(logicalId);
  if (!resource) throw validationError(`Resource ${logicalId} does not exist for stack ${stack.name}`);
  return {
    StackResourceDetail: { ...stackResourceShape(stack, resource), LastUpdatedTimestamp: resource.timestamp },
  };
}

function listStackResources(ctx: SignedContext): XmlObject {
  const stack = requireStack(regionOf(ctx), ctx.params.required('StackName'));
  const resources = [...stack.resources.values()];
  const size = pageSizeOf(ctx, 'ListStackResources');
  const page = paginate(resources, (r) => r.logicalId, ctx.params.string('NextToken'), size, invalidToken);
  return { StackResourceSummaries: page.items.map(resourceSummaryShape), NextToken: page.next };
}

function describeStackEvents(ctx: SignedContext): XmlObject {
  const name = ctx.params.string('StackName');
  if (!name) throw validationError('StackName must be specified.');
  const stack = requireStack(regionOf(ctx), name);
  const newestFirst = [...stack.events].reverse();
  const size = pageSizeOf(ctx, 'DescribeStackEvents');
  const page = paginate(newestFirst, (e) => e.eventId, ctx.params.string('NextToken'), size, invalidToken);
  return { StackEvents: page.items.map(eventShape), NextToken: page.next };
}

function onFailure(value: string | undefined): 'ROLLBACK' | 'DELETE' | 'DO_NOTHING' | undefined {
  if (value === undefined || value === 'ROLLBACK' || value === 'DELETE' || value === 'DO_NOTHING')
    return value;
  throw validationError(
    `1 validation error detected: Value '${value}' at 'onFailure' failed to satisfy constraint`,
  );
}

export const stackOperations: Record<string, Operation> = {
  DescribeStacks: read(describeStacks),
  ListStacks: read(listStacks),
  DescribeStackResources: read(describeStackResources),
  DescribeStackResource: read(describeStackResource),
  ListStackResources: read(listStackResources),
  DescribeStackEvents: read(describeStackEvents),
  CreateStack: mutating((ctx) => {
    const { params } = ctx;
    const stack = createStack(envOf(ctx), regionOf(ctx), {
      ...readTemplateRequest(params),
      stackName: params.required('StackName'),
      tags: readTags(params) ?? [],
      disableRollback: params.bool('DisableRollback') ?? false,
      onFailure: onFailure(params.string('OnFailure')),
      clientRequestToken: params.string('ClientRequestToken'),
    });
    return { StackId: stack.id };
  }),
  UpdateStack: mutating((ctx) => {
    const { params } = ctx;
    const stack = updateStack(envOf(ctx), regionOf(ctx), {
      ...readTemplateRequest(params),
      stackName: params.required('StackName'),
      tags: readTags(params),
      disableRollback: params.bool('DisableRollback'),
      clientRequestToken: params.string('ClientRequestToken'),
    });
    return { StackId: stack.id };
  }),
  DeleteStack: mutating((ctx) => {
    deleteStack(envOf(ctx), regionOf(ctx), {
      stackName: ctx.params.required('StackName'),
      retainResources: ctx.params.list('RetainResources'),
      clientRequestToken: ctx.params.string('ClientRequestToken'),
    });
    return undefined;
  }),
};
