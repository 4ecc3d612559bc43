// `explain <account>.<role>`: what a role can do and who may use it, read from the files
// alone: its privilege level and why, every statement that applies to it, its trust policy,
// and who the user map puts in it. Template values known before deploy are filled in.
import type { Repository } from '../load-repository.ts';
import { roleArn } from '../arn.ts';
import { groupName } from '../desired-state.ts';
import { analyzeRole } from '../privilege/privilege.ts';
import type { PrivilegeLevel, TrustSummary } from '../privilege/privilege.ts';
import { describeStatement } from '../privilege/statements.ts';
import { substitute, substituteStatement, substituteTrust } from '../privilege/substitute.ts';
import { holdersOf } from './targets.ts';
import type { RoleTarget } from './targets.ts';
import { templateValues } from './template-values.ts';

export interface RoleExplanation {
  readonly account: { readonly name: string; readonly accountId: string } | undefined;
  readonly role: string;
  /** `<account>.<role>`, the group in the master account; undefined for a role alone. */
  readonly group: string | undefined;
  /** Known before deploy only when the template gives a literal RoleName. */
  readonly roleArn: string | undefined;
  readonly level: PrivilegeLevel;
  readonly atLeast: Exclude<PrivilegeLevel, 'custom'>;
  readonly reasons: readonly string[];
  readonly statements: readonly string[];
  readonly trust: TrustSummary;
  readonly holders: readonly { readonly account: string; readonly users: readonly string[] }[];
  /** Where the files are: the template, the user map, the teams file. */
  readonly sources: {
    readonly template: string;
    readonly users: string | undefined;
    readonly teams?: string | undefined;
  };
}

export const explainRole = (repository: Repository, target: RoleTarget): RoleExplanation => {
  const { config, template } = repository;
  const { account, role } = target;
  const values = templateValues(config, template, account);
  const privilege = analyzeRole(template.document, role.logicalId, role.roleName);
  return {
    account: account === undefined ? undefined : { name: account.name, accountId: account.accountId },
    role: role.logicalId,
    group: account === undefined ? undefined : groupName(account.name, role.logicalId),
    roleArn:
      account !== undefined && role.roleName !== undefined
        ? roleArn(config.partition, account.accountId, role.path, role.roleName)
        : undefined,
    level: privilege.level,
    atLeast: privilege.atLeast,
    reasons: privilege.reasons.map((r) => substitute(r, values)),
    statements: privilege.statements.map((s) => describeStatement(substituteStatement(s, values), 8)),
    trust: substituteTrust(privilege.trust, values),
    holders: holdersOf(repository, role.logicalId, account),
    sources: {
      template: template.file,
      users: config.usersFile,
      ...(config.teamsFile === undefined ? {} : { teams: config.teamsFile }),
    },
  };
};
