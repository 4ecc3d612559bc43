// GetAccountAuthorizationDetails: users, groups, roles and local managed policies as one paged list.
import { validationError } from '../errors.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import type { XmlObject } from '../protocol/xml.ts';
import { byName, type IamState } from './model.ts';
import { iamPage } from './paging.ts';
import {
  attachedPolicyShape,
  encodeDocument,
  groupShape,
  inlinePolicyList,
  managedPolicyShape,
  policyVersionShape,
  userShape,
} from './shapes.ts';
import { groupsForUser, policyAttachmentCount } from './store.ts';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;
type Filter = (typeof FILTERS)[number];

interface Entry {
  /** Sort/paging key: entity kind rank then name. */
  key: string;
  list: 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies';
  shape: XmlObject;
}

function readFilters(params: QueryParams): Set<Filter> {
  const given = params.list('Filter');
  const bad = given.filter((value) => !(FILTERS as readonly string[]).includes(value));
  if (bad.length > 0) {
    throw validationError(
      `1 validation error detected: Value '[${bad.join(', ')}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTERS.join(', ')}]]`,
    );
  }
  return new Set(given.length === 0 ? FILTERS : (given as Filter[]));
}

function entries(state: IamState, filters: Set<Filter>): Entry[] {
  const out: Entry[] = [];
  if (filters.has('User')) {
    for (const user of byName(state.users.values())) {
      out.push({
        key: `1:${user.name}`,
        list: 'UserDetailList',
        shape: {
          ...userShape(user),
          GroupList: groupsForUser(state, user.name).map((g) => g.name),
          AttachedManagedPolicies: user.attachedPolicyArns.map(attachedPolicyShape),
        },
      });
    }
  }
  if (filters.has('Group')) {
    for (const group of byName(state.groups.values())) {
      out.push({
        key: `2:${group.name}`,
        list: 'GroupDetailList',
        shape: {
          ...groupShape(group),
          GroupPolicyList: inlinePolicyList(group.policies),
          AttachedManagedPolicies: group.attachedPolicyArns.map(attachedPolicyShape),
        },
      });
    }
  }
  if (filters.has('Role')) {
    for (const role of byName(state.roles.values())) {
      out.push({
        key: `3:${role.name}`,
        list: 'RoleDetailList',
        shape: {
          Path: role.path,
          RoleName: role.name,
          RoleId: role.id,
          Arn: role.arn,
          CreateDate: role.createDate,
          AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
          InstanceProfileList: [],
          RolePolicyList: inlinePolicyList(role.policies),
          AttachedManagedPolicies: role.attachedPolicyArns.map(attachedPolicyShape),
          Tags: [],
        },
      });
    }
  }
  if (filters.has('LocalManagedPolicy')) {
    for (const policy of byName(state.policies.values())) {
      out.push({
        key: `4:${policy.name}`,
        list: 'Policies',
        shape: {
          ...managedPolicyShape(policy, policyAttachmentCount(state, policy.arn)),
          PolicyVersionList: [policyVersionShape(policy)],
        },
      });
    }
  }
  return out;
}

export function getAccountAuthorizationDetails(state: IamState, params: QueryParams): XmlObject {
  const page = iamPage(params, entries(state, readFilters(params)), (e) => e.key);
  const lists: Record<Entry['list'], XmlObject[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const entry of page.items) lists[entry.list].push(entry.shape);
  return { ...lists, ...page.fields };
}
