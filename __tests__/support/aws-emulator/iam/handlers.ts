// IAM API operations: Query parameters in, XML structures out; state changes go through store.ts.
import { validationError } from '../errors.ts';
import { mutating, read, type ServiceDefinition, type SignedContext } from '../http/service.ts';
import type { XmlObject } from '../protocol/xml.ts';
import { getAccountSummary } from './account-summary.ts';
import { getAccountAuthorizationDetails } from './authorization-details.ts';
import { byName, type IamState } from './model.ts';
import { mfaOperations } from './mfa-handlers.ts';
import { iamPage } from './paging.ts';
import {
  attachedPolicyShape,
  encodeDocument,
  groupShape,
  managedPolicyShape,
  policyVersionShape,
  roleShape,
  userShape,
} from './shapes.ts';
import * as store from './store.ts';

const iamOf = (ctx: SignedContext): IamState => ctx.world.account(ctx.principal.account).iam;
const pathPrefix = (ctx: SignedContext): string => ctx.params.string('PathPrefix') ?? '/';

function getUser(ctx: SignedContext): XmlObject {
  const name = ctx.params.string('UserName');
  const { principal } = ctx;
  if (name !== undefined) return { User: userShape(store.getUser(iamOf(ctx), name)) };
  if (principal.kind === 'user') return { User: userShape(store.getUser(iamOf(ctx), principal.userName)) };
  if (principal.kind === 'root') {
    return { User: { UserId: principal.account, Arn: principal.arn, CreateDate: new Date(0) } };
  }
  throw validationError('Must specify userName when calling with non-User credentials');
}

function getGroup(ctx: SignedContext): XmlObject {
  const state = iamOf(ctx);
  const group = store.getGroup(state, ctx.params.required('GroupName'));
  const page = iamPage(ctx.params, byName(store.groupMembers(state, group)), (u) => u.name);
  return { Group: groupShape(group), Users: page.items.map(userShape), ...page.fields };
}

function listNames(ctx: SignedContext, names: string[]): XmlObject {
  const page = iamPage(ctx.params, [...names].sort(), (n) => n);
  return { PolicyNames: page.items, ...page.fields };
}

function getPolicyVersion(ctx: SignedContext): XmlObject {
  const policy = store.getManagedPolicy(iamOf(ctx), ctx.params.required('PolicyArn'));
  const versionId = ctx.params.required('VersionId');
  if (versionId !== policy.versionId) {
    throw validationError(`Policy version ${versionId} does not exist or is not the default version.`);
  }
  return { PolicyVersion: policyVersionShape(policy) };
}

export const iamService: ServiceDefinition = {
  name: 'iam',
  version: '2010-05-08',
  xmlns: 'https://iam.amazonaws.com/doc/2010-05-08/',
  operations: {
    // users
    CreateUser: mutating((ctx) => ({
      User: userShape(
        store.createUser(
          iamOf(ctx),
          ctx.world.iamEnv,
          ctx.params.required('UserName'),
          ctx.params.string('Path'),
        ),
      ),
    })),
    GetUser: read(getUser),
    ListUsers: read((ctx) => {
      const prefix = pathPrefix(ctx);
      const users = byName(iamOf(ctx).users.values()).filter((u) => u.path.startsWith(prefix));
      const page = iamPage(ctx.params, users, (u) => u.name);
      return { Users: page.items.map(userShape), ...page.fields };
    }),
    DeleteUser: mutating((ctx) => {
      store.deleteUser(iamOf(ctx), ctx.params.required('UserName'));
      return undefined;
    }),
    // groups
    CreateGroup: mutating((ctx) => {
      const group = store.createGroup(
        iamOf(ctx),
        ctx.world.iamEnv,
        ctx.params.required('GroupName'),
        ctx.params.string('Path'),
      );
      // Other calls find the new group only after IAM's consistency window.
      const window = ctx.world.iamEnv.consistencyWindowMs ?? 0;
      if (window > 0) group.visibleAt = Date.now() + window;
      return { Group: groupShape(group) };
    }),
    GetGroup: read(getGroup),
    ListGroups: read((ctx) => {
      const prefix = pathPrefix(ctx);
      const groups = byName(iamOf(ctx).groups.values()).filter((g) => g.path.startsWith(prefix));
      const page = iamPage(ctx.params, groups, (g) => g.name);
      return { Groups: page.items.map(groupShape), ...page.fields };
    }),
    DeleteGroup: mutating((ctx) => {
      store.deleteGroup(iamOf(ctx), ctx.params.required('GroupName'));
      return undefined;
    }),
    AddUserToGroup: mutating((ctx) => {
      store.addUserToGroup(iamOf(ctx), ctx.params.required('GroupName'), ctx.params.required('UserName'));
      return undefined;
    }),
    RemoveUserFromGroup: mutating((ctx) => {
      store.removeUserFromGroup(
        iamOf(ctx),
        ctx.params.required('GroupName'),
        ctx.params.required('UserName'),
      );
      return undefined;
    }),
    ListGroupsForUser: read((ctx) => {
      const groups = byName(store.groupsForUser(iamOf(ctx), ctx.params.required('UserName')));
      const page = iamPage(ctx.params, groups, (g) => g.name);
      return { Groups: page.items.map(groupShape), ...page.fields };
    }),
    // group inline policies
    PutGroupPolicy: mutating((ctx) => {
      const { params } = ctx;
      store.putGroupPolicy(
        iamOf(ctx),
        params.required('GroupName'),
        params.required('PolicyName'),
        params.required('PolicyDocument'),
      );
      return undefined;
    }),
    GetGroupPolicy: read((ctx) => {
      const groupName = ctx.params.required('GroupName');
      const policyName = ctx.params.required('PolicyName');
      const document = store.getGroupPolicy(iamOf(ctx), groupName, policyName);
      const group = store.getGroup(iamOf(ctx), groupName);
      return { GroupName: group.name, PolicyName: policyName, PolicyDocument: encodeDocument(document) };
    }),
    ListGroupPolicies: read((ctx) =>
      listNames(ctx, [...store.getGroup(iamOf(ctx), ctx.params.required('GroupName')).policies.keys()]),
    ),
    DeleteGroupPolicy: mutating((ctx) => {
      store.deleteGroupPolicy(
        iamOf(ctx),
        ctx.params.required('GroupName'),
        ctx.params.required('PolicyName'),
      );
      return undefined;
    }),
    AttachGroupPolicy: mutating((ctx) => {
      store.attachGroupPolicy(iamOf(ctx), ctx.params.required('GroupName'), ctx.params.required('PolicyArn'));
      return undefined;
    }),
    DetachGroupPolicy: mutating((ctx) => {
      store.detachGroupPolicy(iamOf(ctx), ctx.params.required('GroupName'), ctx.params.required('PolicyArn'));
      return undefined;
    }),
    ListAttachedGroupPolicies: read((ctx) => {
      const group = store.getGroup(iamOf(ctx), ctx.params.required('GroupName'));
      const page = iamPage(ctx.params, group.attachedPolicyArns, (a) => a);
      return { AttachedPolicies: page.items.map(attachedPolicyShape), ...page.fields };
    }),
    // roles
    CreateRole: mutating((ctx) => {
      const { params } = ctx;
      const role = store.createRole(iamOf(ctx), ctx.world.iamEnv, {
        name: params.required('RoleName'),
        path: params.string('Path'),
        trustPolicy: params.required('AssumeRolePolicyDocument'),
        description: params.string('Description'),
        maxSessionDuration: params.int('MaxSessionDuration'),
      });
      return { Role: roleShape(role) };
    }),
    GetRole: read((ctx) => ({ Role: roleShape(store.getRole(iamOf(ctx), ctx.params.required('RoleName'))) })),
    ListRoles: read((ctx) => {
      const prefix = pathPrefix(ctx);
      const roles = byName(iamOf(ctx).roles.values()).filter((r) => r.path.startsWith(prefix));
      const page = iamPage(ctx.params, roles, (r) => r.name);
      return { Roles: page.items.map(roleShape), ...page.fields };
    }),
    DeleteRole: mutating((ctx) => {
      store.deleteRole(iamOf(ctx), ctx.params.required('RoleName'));
      return undefined;
    }),
    PutRolePolicy: mutating((ctx) => {
      const { params } = ctx;
      store.putRolePolicy(
        iamOf(ctx),
        params.required('RoleName'),
        params.required('PolicyName'),
        params.required('PolicyDocument'),
      );
      return undefined;
    }),
    GetRolePolicy: read((ctx) => {
      const roleName = ctx.params.required('RoleName');
      const policyName = ctx.params.required('PolicyName');
      const document = store.getRolePolicy(iamOf(ctx), roleName, policyName);
      return {
        RoleName: store.getRole(iamOf(ctx), roleName).name,
        PolicyName: policyName,
        PolicyDocument: encodeDocument(document),
      };
    }),
    ListRolePolicies: read((ctx) =>
      listNames(ctx, [...store.getRole(iamOf(ctx), ctx.params.required('RoleName')).policies.keys()]),
    ),
    DeleteRolePolicy: mutating((ctx) => {
      store.deleteRolePolicy(iamOf(ctx), ctx.params.required('RoleName'), ctx.params.required('PolicyName'));
      return undefined;
    }),
    AttachRolePolicy: mutating((ctx) => {
      store.attachRolePolicy(iamOf(ctx), ctx.params.required('RoleName'), ctx.params.required('PolicyArn'));
      return undefined;
    }),
    DetachRolePolicy: mutating((ctx) => {
      store.detachRolePolicy(iamOf(ctx), ctx.params.required('RoleName'), ctx.params.required('PolicyArn'));
      return undefined;
    }),
    ListAttachedRolePolicies: read((ctx) => {
      const role = store.getRole(iamOf(ctx), ctx.params.required('RoleName'));
      const page = iamPage(ctx.params, role.attachedPolicyArns, (a) => a);
      return { AttachedPolicies: page.items.map(attachedPolicyShape), ...page.fields };
    }),
    // managed policies
    GetPolicy: read((ctx) => {
      const state = iamOf(ctx);
      const policy = store.getManagedPolicy(state, ctx.params.required('PolicyArn'));
      return { Policy: managedPolicyShape(policy, store.policyAttachmentCount(state, policy.arn)) };
    }),
    GetPolicyVersion: read(getPolicyVersion),
    GetAccountAuthorizationDetails: read((ctx) => getAccountAuthorizationDetails(iamOf(ctx), ctx.params)),
    GetAccountSummary: read((ctx) => getAccountSummary(iamOf(ctx))),
    // MFA devices
    ...mfaOperations,
  },
};
