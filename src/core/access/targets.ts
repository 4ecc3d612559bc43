// `<account>.<role>`, the name people use for a grant (it is also the group's name): parsed
// and found in the repository's config and template, with a suggestion when it is not there.
import type { Repository } from '../load-repository.ts';
import type { AccountConfig, TemplateRole } from '../model.ts';
import { didYouMean } from '../suggest.ts';
import { activeHolders } from '../desired-state.ts';

export interface GrantName {
  readonly account: string;
  readonly role: string;
}

/** `prod.AdminRole` -> prod / AdminRole; the role is after the last dot (account names may hold dots). */
export const parseGrantName = (text: string): GrantName | undefined => {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) return undefined;
  return { account: text.slice(0, dot), role: text.slice(dot + 1) };
};

export interface RoleTarget {
  /** Undefined when only the role was named: the same in every account. */
  readonly account: AccountConfig | undefined;
  readonly role: TemplateRole;
}

export type TargetResult =
  { readonly ok: true; readonly target: RoleTarget } | { readonly ok: false; readonly message: string };

const findRole = (repository: Repository, name: string): TemplateRole | undefined =>
  repository.template.roles.find((r) => r.logicalId === name);

const unknownRole = (repository: Repository, name: string): TargetResult => {
  const roles = repository.template.roles.map((r) => r.logicalId);
  return {
    ok: false,
    message: `${repository.template.file} has no role "${name}".${didYouMean(name, roles)} Its roles: ${roles.join(', ')}.`,
  };
};

/** `account.role`, or a role's logical id alone when `roleAlone` allows it. */
export const resolveTarget = (repository: Repository, text: string, roleAlone: boolean): TargetResult => {
  const grant = parseGrantName(text);
  if (grant === undefined) {
    const role = roleAlone ? findRole(repository, text) : undefined;
    if (role !== undefined) return { ok: true, target: { account: undefined, role } };
    return {
      ok: false,
      message: `"${text}" is not <account>.<role>; write e.g. ${repository.config.accounts[0]?.name ?? 'prod'}.${repository.template.roles[0]?.logicalId ?? 'AdminRole'}.`,
    };
  }
  const accounts = repository.config.accounts;
  const account = accounts.find((a) => a.name === grant.account);
  if (account === undefined) {
    const names = accounts.map((a) => a.name);
    return {
      ok: false,
      message: `${repository.config.file} has no account "${grant.account}".${didYouMean(grant.account, names)} Its accounts: ${names.join(', ')}.`,
    };
  }
  const role = findRole(repository, grant.role);
  return role === undefined ? unknownRole(repository, grant.role) : { ok: true, target: { account, role } };
};

/** Who the files let assume `account.role` now: the user map's grants not ended and the members of every team granting it. */
export const usersOf = (repository: Repository, account: string, role: string): string[] => {
  const listed = activeHolders(repository.desired, account, role);
  const teams = repository.desired.teams
    .filter((t) => t.pairs.some((p) => p.account === account && p.role === role))
    .flatMap((t) => t.members.map((m) => m.userName));
  return [...new Set([...listed, ...teams])];
};

/** Who the files let assume `account.role` (user map and teams), for one account or every account. */
export const holdersOf = (
  repository: Repository,
  role: string,
  account: AccountConfig | undefined,
): { readonly account: string; readonly users: readonly string[] }[] =>
  repository.config.accounts
    .filter((a) => account === undefined || a.name === account.name)
    .map((a) => ({ account: a.name, users: usersOf(repository, a.name, role) }));
