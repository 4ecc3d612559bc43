// Helpers of the limit and team tests: the plan's own IAM calls made by hand, with a plain SDK
// client that never retries, so that the emulator's LimitExceeded can be compared with the
// error the plan predicted; and the users.yml that puts alice in every sample group.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { AwsEmulator } from '../support/aws-emulator/index.ts';
import { byHand } from './apply-helpers.ts';

/** A group of the `plan-json` output, with what apply would write. */
export interface PlannedGroup {
  readonly name: string;
  readonly path: string;
  readonly action: 'create' | 'update' | 'delete' | 'no-change';
  readonly policyName: string;
  readonly policy?: { readonly after?: unknown; readonly afterApply: boolean };
  readonly membersToAdd: readonly string[];
  readonly membersToRemove: readonly { readonly userName: string }[];
  readonly team?: { readonly name: string; readonly pairs: readonly { account: string; role: string }[] };
}

/** One call AWS refused. */
export interface Refusal {
  readonly call: string;
  readonly error: string;
}

const attempt = async (iam: IAMClient, call: string, send: () => Promise<unknown>, out: Refusal[]) => {
  try {
    await send();
  } catch (e) {
    const error = e as { name?: string; message?: string };
    out.push({ call, error: `${error.name ?? 'Error'}: ${error.message ?? ''}` });
  }
  void iam;
};

/**
 * The master account's part of a plan, call by call as apply makes it (every removal first,
 * then each group created, its policy written, its members added), with a client that does
 * not retry: what AWS refuses.
 */
export const replayGroups = async (aws: AwsEmulator, groups: readonly PlannedGroup[]): Promise<Refusal[]> => {
  const refused: Refusal[] = [];
  const changing = groups.filter((g) => g.action === 'create' || g.action === 'update');
  await byHand(aws, async (iam) => {
    for (const g of changing)
      for (const m of g.membersToRemove)
        await attempt(
          iam,
          `RemoveUserFromGroup ${g.name} ${m.userName}`,
          () => iam.send(new RemoveUserFromGroupCommand({ GroupName: g.name, UserName: m.userName })),
          refused,
        );
    for (const g of changing) {
      if (g.action === 'create')
        await attempt(
          iam,
          `CreateGroup ${g.name}`,
          () => iam.send(new CreateGroupCommand({ GroupName: g.name, Path: g.path })),
          refused,
        );
      const after = g.policy?.after;
      if (after !== undefined)
        await attempt(
          iam,
          `PutGroupPolicy ${g.name}`,
          () =>
            iam.send(
              new PutGroupPolicyCommand({
                GroupName: g.name,
                PolicyName: g.policyName,
                PolicyDocument: JSON.stringify(after),
              }),
            ),
          refused,
        );
      for (const user of g.membersToAdd)
        await attempt(
          iam,
          `AddUserToGroup ${g.name} ${user}`,
          () => iam.send(new AddUserToGroupCommand({ GroupName: g.name, UserName: user })),
          refused,
        );
    }
  });
  return refused;
};

/** A user map that puts alice in every group of the samples (3 accounts x 4 roles), one line each. */
export const ALICE_EVERYWHERE = ['prod', 'staging', 'cdn']
  .map(
    (account) =>
      `${account}:\n${['AdminRole', 'SuperUserRole', 'ReadOnlyRole', 'FinanceRole'].map((role) => `  ${role}:\n    - alice\n`).join('')}`,
  )
  .join('\n');
