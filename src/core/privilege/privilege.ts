// Privilege level of each role of the template, read without calling AWS.
//
// How a level is decided, from the role's statements (its `Policies`, `AWS::IAM::Policy` and
// `AWS::IAM::ManagedPolicy` resources of the template, and `ManagedPolicyArns`):
// - Effective permissions are the Allow statements less the Deny statements. A conditioned
//   Allow still grants (the condition is shown in the reasons); a Deny subtracts only when it
//   has no condition and applies to `Resource: "*"`. Both err towards more power.
// - admin: an Allow of every action (`*`) on every resource, and no unconditioned Deny.
// - iam-write: any action of a fixed list of escalation-capable IAM writes (actions.ts:
//   policy, trust, credential and federation writes, iam:PassRole) survives the Denies,
//   matched with IAM wildcards against Action / NotAction.
// - write: an allowed action whose verb is not a read verb, or a NotAction Allow.
// - read-only: every allowed action starts with a read verb (Get, List, Describe, View,
//   Search, Lookup, Query, Scan, Filter, BatchGet), or nothing is allowed.
// - AWS managed policies count by name (aws-managed.ts): the short ones are written out and
//   evaluated, ReadOnlyAccess / ViewOnlyAccess / SecurityAudit / `*ReadOnlyAccess` are
//   read-only. Any other managed ARN, or a statement whose Action or Effect is an intrinsic,
//   makes the role custom (unknown), unless the rest already proves admin.
// Permissions boundaries and SCPs are not read: they can only lower a level.
import { propertiesOf, resourcesOf, roleStatements } from './collect.ts';
import { evaluateStatements } from './evaluate.ts';
import { trustSummary } from './trust.ts';
import type { RoleTemplate } from '../model.ts';
import type { RolePrivilege, RolePrivilegeChange } from './types.ts';

export type * from './types.ts';
export { levelRank, compareLevels } from './levels.ts';
export { diffRolePolicies, gainedPower } from './diff.ts';
export { diffTrust } from './trust.ts';
export { escalationWarnings } from './warnings.ts';
export { describeStatement, describeSource, statementKey } from './statements.ts';

/** The privilege of one role of the template. */
export const analyzeRole = (
  document: Readonly<Record<string, unknown>>,
  logicalId: string,
  roleName: string | undefined,
): RolePrivilege => {
  const statements = roleStatements(document, logicalId, roleName);
  const { level, atLeast, reasons } = evaluateStatements(statements);
  const trust = trustSummary(propertiesOf(resourcesOf(document)[logicalId]).AssumeRolePolicyDocument);
  return { level, atLeast, reasons, statements, trust };
};

/** Logical id -> privilege, for every AWS::IAM::Role of the template, in template order. */
export const analyzeRoles = (template: RoleTemplate): ReadonlyMap<string, RolePrivilege> =>
  new Map(template.roles.map((r) => [r.logicalId, analyzeRole(template.document, r.logicalId, r.roleName)]));

/**
 * Before/after pairs for every role of either version (the same template goes to every
 * account, so `account` is left unset). `before` undefined: the base template is unknown.
 */
export const privilegeChanges = (
  before: ReadonlyMap<string, RolePrivilege> | undefined,
  after: ReadonlyMap<string, RolePrivilege>,
): RolePrivilegeChange[] => {
  const roles = [...new Set([...after.keys(), ...(before?.keys() ?? [])])];
  return roles.map((role) => ({ role, before: before?.get(role), after: after.get(role) }));
};
