import { REPO_ROOT } from '../support/harness/paths.ts';
import { loadRepository } from '../../src/core/load-repository.ts';
import { analyzeRoles } from '../../src/core/privilege/privilege.ts';
import { workspaceReader } from '../../src/io/workspace-reader.ts';
import { TEST_NOW } from './memory-reader.ts';

const root = REPO_ROOT;

describe('privilege of the sample roles', () => {
  const { repository } = loadRepository(workspaceReader(root), 'samples/rolemodel.yml', {}, TEST_NOW);
  if (repository === undefined) throw new Error('the samples do not load');
  const roles = analyzeRoles(repository.template);

  test('AdminRole is admin: Allow * on *', () => {
    expect(roles.get('AdminRole')?.level).toBe('admin');
    expect(roles.get('AdminRole')?.reasons).toEqual(['Allow * on * (inline policy AdministratorAccess)']);
  });

  test('SuperUserRole is write: everything but IAM, and IAM only read or service-linked roles', () => {
    const superUser = roles.get('SuperUserRole');
    expect(superUser?.level).toBe('write');
    expect(superUser?.reasons[0]).toBe(
      'Allow everything except account:*, iam:*, organizations:* on * (inline policy SuperUserAccess) allows more than reading',
    );
    expect(superUser?.statements).toHaveLength(3);
  });

  test('ReadOnlyRole is read-only: the AWS managed ReadOnlyAccess, written with ${AWS::Partition}', () => {
    expect(roles.get('ReadOnlyRole')?.level).toBe('read-only');
    expect(roles.get('ReadOnlyRole')?.statements[0]?.source).toEqual({
      kind: 'aws-managed',
      name: 'ReadOnlyAccess',
    });
  });

  // Every action of BillingReadOnly starts with a read verb (View, Get, List, Describe), so
  // the role only reads, as its description says.
  test('FinanceRole is read-only: every action is a View, Get, List or Describe', () => {
    expect(roles.get('FinanceRole')?.level).toBe('read-only');
    expect(roles.get('FinanceRole')?.statements[0]?.action).toHaveLength(22);
  });

  test('every sample role trusts the master account root, with MFA', () => {
    for (const privilege of roles.values()) {
      expect(privilege.trust.principals).toEqual(['${AssumingAccountID}:root']);
      expect(privilege.trust.requiresMfa).toBe(true);
      expect(privilege.trust.conditions).toEqual([
        'Bool aws:MultiFactorAuthPresent true',
        'NumericLessThan aws:MultiFactorAuthAge ${MfaMaxAgeSeconds}',
      ]);
    }
  });
});
