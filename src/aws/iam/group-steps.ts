// The master account's part of a plan as idempotent steps, one IAM call each, in phases.
//
// Invariant: a phase starts only when the one before it has finished, in this order:
//   narrow          members removed, foreign inline policies deleted, managed policies detached
//   delete-groups   stale groups deleted (only once emptied)
//   create-groups   new groups created
//   write-policies  each group's one inline policy written
//   widen           members added
// So access is never widened before everything that narrows it has been tried, a user's slots
// (IAM's groups-per-user limit) and the account's group quota are freed before they are used,
// and no member joins a group before its policy is the reviewed one. Within a phase, steps of
// every group run at once (bounded by the caller).
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { GroupPlan } from '../../core/plan/types.ts';
import { hasErrorName } from '../error-text.ts';

export type Phase = 'narrow' | 'delete-groups' | 'create-groups' | 'write-policies' | 'widen';

export const PHASES: readonly Phase[] = [
  'narrow',
  'delete-groups',
  'create-groups',
  'write-policies',
  'widen',
];

export interface GroupStep {
  readonly group: GroupPlan;
  readonly phase: Phase;
  /** What the step does, for the log and the report: `add alice`. */
  readonly label: string;
  readonly call: (client: IAMClient) => Promise<unknown>;
  /** The error IAM gives when a killed run already did this: the state is what was wanted. */
  readonly alreadyDone?: string;
  /** Earlier phases of the same group this step relies on: a failure there means it is not tried. */
  readonly needs: readonly Phase[];
}

const NO_SUCH_ENTITY = 'NoSuchEntityException';

/**
 * CreateGroup, or nothing when a killed run already made it. A group of that name elsewhere
 * (IAM names ignore case and path) is never adopted: its path is checked first.
 */
const createGroup = async (client: IAMClient, group: GroupPlan): Promise<void> => {
  try {
    await client.send(new CreateGroupCommand({ GroupName: group.name, Path: group.path }));
  } catch (e) {
    if (!hasErrorName(e, 'EntityAlreadyExistsException')) throw e;
    const existing = await client.send(new GetGroupCommand({ GroupName: group.name, MaxItems: 1 }));
    if (existing.Group?.Path !== group.path) {
      throw new Error(
        `a group named ${existing.Group?.GroupName ?? group.name} already exists under ${existing.Group?.Path ?? '?'}, outside ${group.path}; RoleModel never touches it. Rename or remove it in IAM, or rename the account.`,
        { cause: e },
      );
    }
  }
};

const narrowing = (group: GroupPlan): GroupStep[] => {
  const GroupName = group.name;
  return [
    ...group.membersToRemove.map((m): GroupStep => ({
      group,
      phase: 'narrow',
      label: `remove ${m.userName}`,
      call: (c) => c.send(new RemoveUserFromGroupCommand({ GroupName, UserName: m.userName })),
      alreadyDone: NO_SUCH_ENTITY,
      needs: [],
    })),
    ...group.extraPolicies.map((PolicyName): GroupStep => ({
      group,
      phase: 'narrow',
      label: `delete policy ${PolicyName}`,
      call: (c) => c.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName })),
      alreadyDone: NO_SUCH_ENTITY,
      needs: [],
    })),
    ...(group.managedPolicies ?? []).map((p): GroupStep => ({
      group,
      phase: 'narrow',
      label: `detach managed policy ${p.name}`,
      call: (c) => c.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn: p.arn })),
      alreadyDone: NO_SUCH_ENTITY,
      needs: [],
    })),
  ];
};

const widening = (group: GroupPlan): GroupStep[] => {
  const GroupName = group.name;
  const after = group.policy?.after;
  return [
    ...(group.action === 'create'
      ? [
          {
            group,
            phase: 'create-groups' as const,
            label: 'create group',
            call: (c: IAMClient) => createGroup(c, group),
            needs: [],
          },
        ]
      : []),
    ...(after
      ? [
          {
            group,
            phase: 'write-policies' as const,
            label: `put policy ${group.policyName}`,
            call: (c: IAMClient) =>
              c.send(
                new PutGroupPolicyCommand({
                  GroupName,
                  PolicyName: group.policyName,
                  PolicyDocument: JSON.stringify(after),
                }),
              ),
            needs: ['create-groups' as const],
          },
        ]
      : []),
    ...group.membersToAdd.map((UserName): GroupStep => ({
      group,
      phase: 'widen',
      label: `add ${UserName}`,
      call: (c) => c.send(new AddUserToGroupCommand({ GroupName, UserName })),
      // A member of a group whose policy could not be written would get the old grant.
      needs: ['create-groups', 'write-policies'],
    })),
  ];
};

/** Every call one group's plan needs; none for a group without changes. */
export const groupSteps = (group: GroupPlan): GroupStep[] => {
  if (group.action === 'no-change') return [];
  if (group.action === 'delete') {
    return [
      ...narrowing(group),
      {
        group,
        phase: 'delete-groups',
        label: 'delete group',
        call: (c) => c.send(new DeleteGroupCommand({ GroupName: group.name })),
        alreadyDone: NO_SUCH_ENTITY,
        // IAM refuses (DeleteConflict) to delete a group that still has members or policies.
        needs: ['narrow'],
      },
    ];
  }
  return [...narrowing(group), ...widening(group)];
};
