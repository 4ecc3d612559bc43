// `who-can <action>`: which roles allow one action (on one resource, or on any) in which
// account, by the project's own evaluator over the template's statements, and who the user
// map puts in each. Pure: the repository's files in, rows out.
import type { Repository } from '../load-repository.ts';
import type { AccountConfig } from '../model.ts';
import { decideAction } from '../privilege/decide.ts';
import type { ActionDecision } from '../privilege/decide.ts';
import { analyzeRoles } from '../privilege/privilege.ts';
import type { PrivilegeLevel } from '../privilege/privilege.ts';
import { substituteStatement } from '../privilege/substitute.ts';
import { usersOf } from './targets.ts';
import { templateValues } from './template-values.ts';

/** One concrete action, `service:Action`, as IAM names it (no wildcards: a question has one answer). */
export const ACTION_NAME = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

export interface WhoCanQuery {
  readonly action: string;
  /** An account name of the config; every account when undefined. */
  readonly account?: string;
  /** An ARN; any resource when undefined. */
  readonly resource?: string;
}

export interface WhoCanRow {
  readonly account: string;
  readonly accountId: string;
  readonly role: string;
  readonly level: PrivilegeLevel;
  readonly decision: ActionDecision;
  readonly reasons: readonly string[];
  /** Who holds `account.role` by the files: the user map and the teams that grant it. */
  readonly users: readonly string[];
}

export interface WhoCanAnswer {
  readonly action: string;
  readonly resource: string | undefined;
  readonly accounts: readonly string[];
  /** Why only some accounts were asked about (a resource ARN in one account). */
  readonly scope: string | undefined;
  /** Every (account, role) whose decision is not `not-allowed`, in config then template order. */
  readonly rows: readonly WhoCanRow[];
  /** People with at least one row that allows or may allow, and where. */
  readonly people: readonly { readonly user: string; readonly grants: readonly string[] }[];
}

/** The account id of an ARN (`arn:aws:s3:::bucket` has none). */
const arnAccount = (arn: string): string | undefined => {
  const id = arn.split(':')[4];
  return id !== undefined && /^\d{12}$/.test(id) ? id : undefined;
};

const accountsAsked = (
  repository: Repository,
  query: WhoCanQuery,
): { accounts: readonly AccountConfig[]; scope: string | undefined } => {
  const all = repository.config.accounts;
  if (query.account !== undefined)
    return { accounts: all.filter((a) => a.name === query.account), scope: undefined };
  const id = query.resource === undefined ? undefined : arnAccount(query.resource);
  if (id === undefined) return { accounts: all, scope: undefined };
  return {
    accounts: all.filter((a) => a.accountId === id),
    scope: `The resource is in account ${id}; a role of another account would need a resource policy there, which the files do not hold.`,
  };
};

const ALLOWING: ReadonlySet<ActionDecision> = new Set(['allowed', 'limited', 'likely', 'unknown']);

export const whoCan = (repository: Repository, query: WhoCanQuery): WhoCanAnswer => {
  const { config, template } = repository;
  const privileges = analyzeRoles(template);
  const { accounts, scope } = accountsAsked(repository, query);
  const rows = accounts.flatMap((account) => {
    const values = templateValues(config, template, account);
    return template.roles.flatMap((role): WhoCanRow[] => {
      const privilege = privileges.get(role.logicalId);
      if (privilege === undefined) return [];
      const statements = privilege.statements.map((s) => substituteStatement(s, values));
      const { decision, reasons } = decideAction(statements, query.action, query.resource);
      if (decision === 'not-allowed') return [];
      const users = usersOf(repository, account.name, role.logicalId);
      return [
        {
          account: account.name,
          accountId: account.accountId,
          role: role.logicalId,
          level: privilege.level,
          decision,
          reasons,
          users,
        },
      ];
    });
  });
  const people = new Map<string, string[]>();
  for (const row of rows.filter((r) => ALLOWING.has(r.decision)))
    for (const user of row.users)
      people.set(user, [...(people.get(user) ?? []), `${row.account}.${row.role}`]);
  return {
    action: query.action,
    resource: query.resource,
    accounts: accounts.map((a) => a.name),
    scope,
    rows,
    people: [...people.keys()].sort().map((user) => ({ user, grants: people.get(user) ?? [] })),
  };
};
