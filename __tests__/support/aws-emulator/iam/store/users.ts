import { iamUniqueId } from '../../util/ids.ts';
import { alreadyExists, deleteConflict, noSuchUser } from '../errors.ts';
import { iamArn, nameKey, type IamGroup, type IamState, type IamUser } from '../model.ts';
import { LIMITS, validateName, validatePath } from '../validation.ts';
import type { IamEnv } from './env.ts';

export function getUser(state: IamState, name: string): IamUser {
  const user = state.users.get(nameKey(name));
  if (!user) throw noSuchUser(name);
  return user;
}

export function createUser(state: IamState, env: IamEnv, name: string, path = '/'): IamUser {
  validateName('UserName', name, LIMITS.userName);
  validatePath('Path', path);
  if (state.users.has(nameKey(name))) throw alreadyExists(`User with name ${name} already exists.`);
  const user: IamUser = {
    name,
    path,
    id: iamUniqueId(env.rng, 'AIDA'),
    arn: iamArn(state.account, 'user', path, name),
    createDate: env.now(),
    attachedPolicyArns: [],
  };
  state.users.set(nameKey(name), user);
  return user;
}

export function groupsForUser(state: IamState, userName: string): IamGroup[] {
  const key = nameKey(getUser(state, userName).name);
  return [...state.groups.values()].filter((group) => group.members.has(key));
}

export function deleteUser(state: IamState, name: string): void {
  const user = getUser(state, name);
  if (groupsForUser(state, name).length > 0) {
    throw deleteConflict('Cannot delete entity, must remove users from group first.');
  }
  if (user.attachedPolicyArns.length > 0)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  state.users.delete(nameKey(name));
}
