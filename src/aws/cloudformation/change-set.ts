// One change set's life: created for the desired stack, waited for, read (all pages) into
// the core's ResourceChange values, deleted.
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  paginateDescribeChangeSet,
  waitUntilChangeSetCreateComplete,
} from '@aws-sdk/client-cloudformation';
import type {
  Capability,
  Change,
  ChangeSetType,
  CloudFormationClient,
  ResourceChange as SdkResourceChange,
} from '@aws-sdk/client-cloudformation';
import type { DesiredStack } from '../../core/model.ts';
import type { ResourceChange } from '../../core/observed.ts';
import { hasErrorName } from '../error-text.ts';
import type { WaitOptions } from './options.ts';
import { mappingSendErrors, waiterSettings } from './options.ts';

export type ReviewType = Extract<ChangeSetType, 'CREATE' | 'UPDATE'>;

export interface ChangeSetRef {
  readonly id: string;
  readonly name: string;
  readonly type: ReviewType;
  readonly stackName: string;
}

/**
 * Roles with custom names need CAPABILITY_NAMED_IAM. Withholding CAPABILITY_AUTO_EXPAND does not
 * stop transforms: CloudFormation runs macros, AWS::Include and AWS::Serverless when a change set
 * is *created* (the capability has no effect on CreateChangeSet), so a template's transforms run
 * while a pull request is planned. What keeps them out is the loader: a transform the config does
 * not list in `allow_transforms` is an error, and no change set is made.
 */
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

/**
 * An allowed transform gets CAPABILITY_AUTO_EXPAND on its change set: the set carries its
 * capabilities to execution, which needs this one when the expanded template creates nested
 * stacks (AWS::Serverless::Application, AWS::SecretsManager hosted rotation).
 */
const capabilitiesFor = (stack: DesiredStack): Capability[] =>
  (stack.transforms ?? []).length > 0 ? [...CAPABILITIES, 'CAPABILITY_AUTO_EXPAND'] : [...CAPABILITIES];

export const createChangeSet = async (
  client: CloudFormationClient,
  stack: DesiredStack,
  name: string,
  type: ReviewType,
): Promise<ChangeSetRef> => {
  const out = await client.send(
    new CreateChangeSetCommand({
      StackName: stack.stackName,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: stack.templateBody,
      Parameters: stack.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
      Capabilities: capabilitiesFor(stack),
      Description: `RoleModel: roles of account ${stack.accountName} (${stack.accountId})`.slice(0, 1024),
    }),
  );
  return { id: out.Id ?? name, name, type, stackName: stack.stackName };
};

/** The change set disappeared while being computed: another run executed a set on the stack. */
export class ChangeSetVanished extends Error {
  // The SDK waiter stops at once on a ValidationError; it would poll a missing set until timeout.
  override readonly name = 'ValidationError';
  readonly vanished = true;
}

export const isVanished = (error: unknown): error is ChangeSetVanished => error instanceof ChangeSetVanished;

/** The client, but a missing change set is final for the waiter instead of "try again". */
const missingIsFinal = (client: CloudFormationClient, ref: ChangeSetRef) => {
  let vanished: ChangeSetVanished | undefined;
  const watched = mappingSendErrors(client, (error) => {
    if (!hasErrorName(error, 'ChangeSetNotFoundException')) return error;
    vanished = new ChangeSetVanished(
      `Change set ${ref.name} of stack ${ref.stackName} was deleted while CloudFormation computed it: another run (a concurrent apply, most likely) changed the stack at the same time. Run again.`,
    );
    return vanished;
  });
  return { client: watched, vanished: () => vanished };
};

/**
 * Waits until CloudFormation has computed the change set. The waiter throws when the set
 * FAILED or the wait timed out; the caller reads the set afterwards to learn which, so the
 * error is returned rather than thrown.
 */
export const waitForChangeSet = async (
  client: CloudFormationClient,
  ref: ChangeSetRef,
  options: WaitOptions,
): Promise<unknown> => {
  const watched = missingIsFinal(client, ref);
  try {
    await waitUntilChangeSetCreateComplete(waiterSettings(watched.client, options), {
      ChangeSetName: ref.id,
      StackName: ref.stackName,
    });
    return undefined;
  } catch (error) {
    return watched.vanished() ?? error;
  }
};

export interface ChangeSetContents {
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly changes: readonly ResourceChange[];
}

const ACTIONS: readonly ResourceChange['action'][] = ['Add', 'Modify', 'Remove', 'Import', 'Dynamic'];
const REPLACEMENTS: readonly NonNullable<ResourceChange['replacement']>[] = ['True', 'False', 'Conditional'];

const toAction = (action: string | undefined): ResourceChange['action'] =>
  ACTIONS.find((a) => a === action) ?? 'Dynamic';

const toReplacement = (value: string | undefined): ResourceChange['replacement'] =>
  REPLACEMENTS.find((r) => r === value);

/** Names of changed properties; tags and metadata have no name. */
const propertyNames = (rc: SdkResourceChange): string[] => {
  const names = (rc.Details ?? []).flatMap((d) =>
    d.Target?.Attribute === 'Properties' && d.Target.Name ? [d.Target.Name] : [],
  );
  return [...new Set(names)];
};

export const toResourceChange = (change: Change): ResourceChange | undefined => {
  const rc = change.ResourceChange;
  if (!rc?.LogicalResourceId) return undefined;
  return {
    action: toAction(rc.Action),
    logicalId: rc.LogicalResourceId,
    physicalId: rc.PhysicalResourceId || undefined,
    resourceType: rc.ResourceType ?? '',
    replacement: toReplacement(rc.Replacement),
    scope: [...(rc.Scope ?? [])],
    properties: propertyNames(rc),
  };
};

/** Status and every resource change, over all pages of DescribeChangeSet. */
export const readChangeSet = async (
  client: CloudFormationClient,
  ref: ChangeSetRef,
): Promise<ChangeSetContents> => {
  let status = '';
  let statusReason: string | undefined;
  const changes: ResourceChange[] = [];
  const input = { ChangeSetName: ref.id, StackName: ref.stackName };
  for await (const page of paginateDescribeChangeSet({ client }, input)) {
    status = page.Status ?? status;
    statusReason = page.StatusReason ?? statusReason;
    for (const change of page.Changes ?? []) {
      const rc = toResourceChange(change);
      if (rc) changes.push(rc);
    }
  }
  return { status, statusReason, changes };
};

export const deleteChangeSet = async (client: CloudFormationClient, ref: ChangeSetRef): Promise<void> => {
  await client.send(new DeleteChangeSetCommand({ ChangeSetName: ref.id, StackName: ref.stackName }));
};
