// The privilege a managed policy attached to a group grants its members, for the plan: AWS
// managed policies by name (as for roles), customer managed ones from their document when it
// was read, else `custom` (not known).
import type { AttachedPolicy } from '../observed.ts';
import { awsManagedName, awsManagedStatements } from './aws-managed.ts';
import { evaluateStatements } from './evaluate.ts';
import { normalizeDocument } from './statements.ts';
import type { PrivilegeLevel } from './types.ts';

export interface AttachedLevel {
  readonly level: PrivilegeLevel;
  readonly note: string;
}

export const attachedPolicyLevel = (policy: AttachedPolicy): AttachedLevel => {
  const awsName = awsManagedName(policy.arn);
  if (awsName === undefined && policy.document === undefined)
    return { level: 'custom', note: 'its document could not be read' };
  const statements =
    awsName !== undefined
      ? awsManagedStatements(awsName)
      : normalizeDocument(policy.document, { kind: 'external-managed', name: policy.arn });
  const { level, reasons } = evaluateStatements(statements);
  return { level, note: reasons[0] ?? 'grants no permissions' };
};
