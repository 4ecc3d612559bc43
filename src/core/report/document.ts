// The `plan-json` document of a run: one documented shape per command (README, "Outputs").
// Every document starts with `command`, `failed` and `message` (the headline); the rest is
// the command's own result.
import type { RunReport } from './types.ts';
import { commandOf } from './types.ts';

const body = (report: RunReport): Readonly<Record<string, unknown>> => {
  switch (report.kind) {
    case 'validate':
      return {
        valid: !report.failed,
        diagnostics: report.diagnostics,
        desired: report.desired ?? null,
      };
    case 'plan':
      switch (report.outcome) {
        case 'planned':
          return { ...report.plan };
        case 'invalid-files':
          return { diagnostics: report.diagnostics };
        case 'fork':
          return { skipped: 'fork', diagnostics: report.diagnostics };
        case 'aws-unreadable':
          return { error: report.error };
      }
      break;
    case 'apply':
      switch (report.outcome) {
        case 'applied':
          return {
            plan: report.plan,
            accounts: report.accounts,
            groups: report.groups,
            mutatingCalls: report.mutatingCalls,
            review: report.review,
          };
        case 'unreviewed':
          return { plan: report.plan, applied: false, review: report.review };
        case 'plan-errors':
          return { plan: report.plan, applied: false };
      }
      break;
    case 'list':
      return { ...report.listing };
    case 'delete':
      return report.outcome === 'deleted'
        ? { stacks: report.stacks, groups: report.groups }
        : { refused: true };
    case 'approval':
      return { pullRequest: report.pullRequest, approval: report.approval ?? null };
    case 'expire':
      return report.outcome === 'expired'
        ? {
            at: report.at,
            repairDrift: report.repairDrift,
            removed: report.removed,
            mutatingCalls: report.mutatingCalls,
            differs: report.differs,
            expiringWithin: report.expiringWithin,
            expiring: report.expiring,
            plan: report.plan,
          }
        : { error: report.error };
    case 'stopped':
      return report.diagnostics.length > 0 ? { diagnostics: report.diagnostics } : {};
  }
};

export const reportDocument = (report: RunReport): Readonly<Record<string, unknown>> => ({
  command: commandOf(report),
  failed: report.failed,
  message: report.headline,
  ...body(report),
});
