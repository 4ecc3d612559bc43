// Targets (roles, groups, users) that AWS::IAM::Policy and AWS::IAM::ManagedPolicy attach to.
import type { IamState } from '../../iam/model.ts';
import * as iam from '../../iam/store.ts';
import type { JsonObject } from '../../util/json.ts';
import { stringList } from './properties.ts';

export interface Targets {
  roles: string[];
  groups: string[];
  users: string[];
}

export function readTargets(props: JsonObject): Targets {
  return {
    roles: stringList(props, 'Roles'),
    groups: stringList(props, 'Groups'),
    users: stringList(props, 'Users'),
  };
}

export const hasTargets = (t: Targets): boolean => t.roles.length + t.groups.length + t.users.length > 0;

/** Throws NoSuchEntity for the first missing target, before anything is changed. */
export function requireTargets(state: IamState, t: Targets): void {
  for (const name of t.roles) iam.getRole(state, name);
  for (const name of t.groups) iam.getGroup(state, name);
  for (const name of t.users) iam.getUser(state, name);
}

/** Runs `action` per target, ignoring targets that vanished (CloudFormation does the same on delete). */
export function forEachExisting(
  state: IamState,
  t: Targets,
  action: (kind: 'role' | 'group' | 'user', name: string) => void,
): void {
  for (const name of t.roles) if (state.roles.has(name.toLowerCase())) action('role', name);
  for (const name of t.groups) if (state.groups.has(name.toLowerCase())) action('group', name);
  for (const name of t.users) if (state.users.has(name.toLowerCase())) action('user', name);
}
