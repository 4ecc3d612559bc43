// The roles a stack holds now: their physical names and ARNs, for the plan and `list`.
import { paginateListStackResources } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { roleArn } from '../../core/arn.ts';
import type { Partition, TemplateRole } from '../../core/model.ts';
import type { ObservedRole } from '../../core/observed.ts';
import { describeStack } from './describe.ts';

const ROLE_TYPE = 'AWS::IAM::Role';

const isLiveRole = (r: StackResourceSummary): boolean =>
  r.ResourceType === ROLE_TYPE &&
  r.LogicalResourceId !== undefined &&
  r.PhysicalResourceId !== undefined &&
  r.PhysicalResourceId !== '' &&
  r.ResourceStatus !== 'DELETE_COMPLETE';

/**
 * Roles of the stack from ListStackResources (all pages). A role's physical id is its name;
 * its path is not listed, so the template's literal path is used (`/` for roles it lacks).
 */
export const readRoles = async (
  client: CloudFormationClient,
  stackName: string,
  accountId: string,
  partition: Partition,
  roles: readonly TemplateRole[],
): Promise<ObservedRole[]> => {
  const paths = new Map(roles.map((r) => [r.logicalId, r.path]));
  const observed: ObservedRole[] = [];
  for await (const page of paginateListStackResources({ client }, { StackName: stackName })) {
    for (const r of page.StackResourceSummaries ?? []) {
      if (!isLiveRole(r)) continue;
      const logicalId = r.LogicalResourceId ?? '';
      const physicalName = r.PhysicalResourceId ?? '';
      const path = paths.get(logicalId) ?? '/';
      observed.push({ logicalId, physicalName, arn: roleArn(partition, accountId, path, physicalName) });
    }
  }
  return observed;
};

export interface ListedStack {
  readonly status: string;
  readonly roles: readonly ObservedRole[];
}

/** What `list` shows of one account: undefined when the stack does not exist. AWS errors are thrown. */
export const listStack = async (
  client: CloudFormationClient,
  stackName: string,
  accountId: string,
  partition: Partition,
  roles: readonly TemplateRole[],
): Promise<ListedStack | undefined> => {
  const stack = await describeStack(client, stackName);
  if (!stack) return undefined;
  return { status: stack.status, roles: await readRoles(client, stackName, accountId, partition, roles) };
};
