// Executes the master account's part of a plan: groups, their one inline policy, members.
// Every call is one planned change, so a converged account costs no mutating call at all.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  GetGroupCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { GroupPlan } from '../../core/plan/types.ts';
import { mapLimit } from '../../util/concurrency.ts';
import { errorText, hasErrorName } from '../error-text.ts';

export type GroupOutcome =
  | { readonly group: string; readonly ok: true; readonly calls: number }
  | { readonly group: string; readonly ok: false; readonly calls: number; readonly reason: string };

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

/** The calls of one group, in an order that never widens access before it narrows it. */
const steps = (
  group: GroupPlan,
): { label: string; run: (client: IAMClient) => Promise<unknown>; tolerate?: string }[] => {
  const GroupName = group.name;
  const removals = group.membersToRemove.map((m) => ({
    label: `remove ${m.userName}`,
    run: (c: IAMClient) => c.send(new RemoveUserFromGroupCommand({ GroupName, UserName: m.userName })),
    tolerate: 'NoSuchEntityException',
  }));
  const policyDeletes = group.extraPolicies.map((PolicyName) => ({
    label: `delete policy ${PolicyName}`,
    run: (c: IAMClient) => c.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName })),
    tolerate: 'NoSuchEntityException',
  }));
  if (group.action === 'delete') {
    return [
      ...removals,
      ...policyDeletes,
      {
        label: 'delete group',
        run: (c) => c.send(new DeleteGroupCommand({ GroupName })),
        tolerate: 'NoSuchEntityException',
      },
    ];
  }
  const after = group.policy?.after;
  return [
    ...(group.action === 'create'
      ? [
          {
            label: 'create group',
            run: (c: IAMClient) => createGroup(c, group),
          },
        ]
      : []),
    ...removals,
    ...policyDeletes,
    ...(after
      ? [
          {
            label: `put policy ${group.policyName}`,
            run: (c: IAMClient) =>
              c.send(
                new PutGroupPolicyCommand({
                  GroupName,
                  PolicyName: group.policyName,
                  PolicyDocument: JSON.stringify(after),
                }),
              ),
          },
        ]
      : []),
    ...group.membersToAdd.map((UserName) => ({
      label: `add ${UserName}`,
      run: (c: IAMClient) => c.send(new AddUserToGroupCommand({ GroupName, UserName })),
    })),
  ];
};

export const applyGroup = async (
  client: IAMClient,
  group: GroupPlan,
  log: (line: string) => void,
): Promise<GroupOutcome> => {
  let calls = 0;
  for (const step of steps(group)) {
    calls++;
    try {
      await step.run(client);
      log(`${group.name}: ${step.label}`);
    } catch (e) {
      // A step a killed run already did is done: the state is what was wanted.
      if (step.tolerate && hasErrorName(e, step.tolerate)) {
        log(`${group.name}: ${step.label} (already done)`);
        continue;
      }
      return { group: group.name, ok: false, calls, reason: `${step.label} failed: ${errorText(e)}` };
    }
  }
  return { group: group.name, ok: true, calls };
};

/** Deletions first (they only take access away), then the rest, a few groups at a time. */
export const applyGroups = async (
  client: IAMClient,
  groups: readonly GroupPlan[],
  concurrency: number,
  log: (line: string) => void,
): Promise<GroupOutcome[]> => {
  const changing = groups.filter((g) => g.action !== 'no-change');
  const deletions = changing.filter((g) => g.action === 'delete');
  const others = changing.filter((g) => g.action !== 'delete');
  const first = await mapLimit(deletions, concurrency, (g) => applyGroup(client, g, log));
  const second = await mapLimit(others, concurrency, (g) => applyGroup(client, g, log));
  return [...first, ...second];
};
