// Seeding scenarios and stacks directly into state (no HTTP, no delays).
import { AwsError } from '../errors.ts';
import { createStack } from '../cloudformation/stack-operations.ts';
import type { Stack } from '../cloudformation/model.ts';
import { enableMfaDevice } from '../iam/mfa.ts';
import * as iam from '../iam/store.ts';
import type { IamState } from '../iam/model.ts';
import type {
  CreateStackOptions,
  PolicyDocumentInput,
  SeedAccount,
  SeedGroup,
  SeedRole,
  SeedScenario,
} from '../types.ts';
import type { World } from '../world.ts';

const ALL_CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

const documentText = (doc: PolicyDocumentInput): string =>
  typeof doc === 'string' ? doc : JSON.stringify(doc);

export function defaultTrustPolicy(masterAccountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${masterAccountId}:root` },
        Action: 'sts:AssumeRole',
      },
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::${masterAccountId}:oidc-provider/token.actions.githubusercontent.com`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    ],
  });
}

function ensureUser(world: World, state: IamState, name: string, path?: string): void {
  if (!state.users.has(name.toLowerCase())) iam.createUser(state, world.iamEnv, name, path);
}

function seedGroup(world: World, state: IamState, group: SeedGroup): void {
  if (!state.groups.has(group.name.toLowerCase()))
    iam.createGroup(state, world.iamEnv, group.name, group.path);
  for (const member of group.members ?? []) {
    ensureUser(world, state, member);
    iam.addUserToGroup(state, group.name, member);
  }
  for (const [name, doc] of Object.entries(group.policies ?? {}))
    iam.putGroupPolicy(state, group.name, name, documentText(doc));
  for (const arn of group.managedPolicyArns ?? []) iam.attachGroupPolicy(state, group.name, arn);
}

function seedRole(world: World, state: IamState, role: SeedRole): void {
  iam.createRole(state, world.iamEnv, {
    name: role.name,
    path: role.path,
    trustPolicy: role.trustPolicy
      ? documentText(role.trustPolicy)
      : defaultTrustPolicy(world.settings.masterAccountId),
    description: role.description,
    maxSessionDuration: role.maxSessionDuration,
  });
  for (const [name, doc] of Object.entries(role.policies ?? {}))
    iam.putRolePolicy(state, role.name, name, documentText(doc));
  for (const arn of role.managedPolicyArns ?? []) iam.attachRolePolicy(state, role.name, arn);
}

export function seedStack(world: World, options: CreateStackOptions): Stack {
  const account = options.account ?? world.settings.masterAccountId;
  const region = world.cfn(account, options.region ?? world.settings.region);
  return createStack(
    world.cfnEnv,
    region,
    {
      stackName: options.name,
      templateBody: options.templateBody,
      templateUrl: undefined,
      usePreviousTemplate: false,
      parameters: Object.entries(options.parameters ?? {}).map(([key, value]) => ({
        key,
        value,
        usePreviousValue: false,
      })),
      capabilities: ALL_CAPABILITIES,
      tags: Object.entries(options.tags ?? {}).map(([key, value]) => ({ key, value })),
      disableRollback: false,
      onFailure: undefined,
      clientRequestToken: undefined,
    },
    true,
  );
}

function seedAccount(world: World, accountId: string, seed: SeedAccount): void {
  const state = world.account(accountId).iam;
  for (const user of seed.users ?? []) {
    if (typeof user === 'string') ensureUser(world, state, user);
    else ensureUser(world, state, user.name, user.path);
  }
  for (const policy of seed.managedPolicies ?? []) {
    iam.createManagedPolicy(state, world.iamEnv, { ...policy, document: documentText(policy.document) });
  }
  for (const group of seed.groups ?? []) seedGroup(world, state, group);
  for (const role of seed.roles ?? []) seedRole(world, state, role);
  for (const key of seed.accessKeys ?? []) {
    if (key.userName !== undefined) ensureUser(world, state, key.userName);
    world.credentials.addStaticKey({ ...key, account: accountId });
  }
  for (const device of seed.mfaDevices ?? []) {
    ensureUser(world, state, device.userName);
    enableMfaDevice(state, device.userName, device.secret, world.now(), device.serialNumber);
  }
  for (const stack of seed.stacks ?? []) seedStack(world, { ...stack, account: accountId });
  for (const macro of seed.macros ?? []) world.cfn(accountId, world.settings.region).macros.add(macro);
}

/** Applies a scenario; IAM validation errors surface as exceptions naming the AWS error. */
export function seedScenario(world: World, scenario: SeedScenario): void {
  for (const [accountId, seed] of Object.entries(scenario.accounts)) {
    try {
      seedAccount(world, accountId, seed);
    } catch (error) {
      if (error instanceof AwsError)
        throw new Error(`seed(${accountId}): ${error.code}: ${error.message}`, { cause: error });
      throw error;
    }
  }
}
