// The step outputs of a run, as values: every run sets every output, so a workflow's
// `steps.<id>.outputs.<name>` is never left unset (README, "Outputs"). The file outputs
// (`plan-json`, `plan-markdown`) are paths, filled in by the publisher.
import { accessChangesOutput } from '../access/output.ts';
import { countErrors } from '../diagnostics.ts';
import { encodeFingerprint } from '../review/encoding.ts';
import type { RunReport } from './types.ts';

export interface ValueOutputs {
  readonly 'has-changes': string;
  readonly 'error-count': string;
  /** Empty when no plan was made. */
  readonly escalations: string;
  /** Empty when no plan was made. */
  readonly 'access-changes': string;
  /** The reviewed result the plan comment records (`v1.` + deflated, base64url); empty when no plan was made. */
  readonly 'plan-digest': string;
  /** `expire`: JSON list of the grants that end within `expiring-within` days; empty for other commands. */
  readonly expiring: string;
}

const hasChanges = (report: RunReport): boolean => {
  switch (report.kind) {
    case 'plan':
      return report.outcome === 'planned' && report.plan.hasChanges;
    case 'apply':
      return report.outcome === 'applied' && report.plan.hasChanges;
    case 'delete':
      return (
        report.outcome === 'deleted' &&
        (report.stacks.some((s) => s.ok && s.existed) || report.groups.length > 0)
      );
    case 'expire':
      // Like a plan's: the default branch still has changes to apply (the drift issue is open).
      return report.outcome === 'expired' && report.differs;
    default:
      return false;
  }
};

export const valueOutputs = (report: RunReport): ValueOutputs => {
  const access = report.kind === 'plan' && report.outcome === 'planned' ? report.plan.access : undefined;
  return {
    'has-changes': String(hasChanges(report)),
    'error-count': String(countErrors(report.diagnostics)),
    escalations: access === undefined ? '' : String(access.escalations),
    'access-changes': access === undefined ? '' : JSON.stringify(accessChangesOutput(access)),
    'plan-digest':
      report.kind === 'plan' && report.outcome === 'planned' ? encodeFingerprint(report.fingerprint) : '',
    expiring: report.kind === 'expire' && report.outcome === 'expired' ? JSON.stringify(report.expiring) : '',
  };
};
