// The commit status a plan run sets on the pull request's head (`rolemodel/plan`): a check
// branch protection can require, green only when a plan was made and has no problems.
import { countErrors } from '../diagnostics.ts';
import { renderPlanSummaryLine } from '../render/summary-line.ts';
import type { ApprovalStatus, PlanReport, RunReport } from './types.ts';

export const PLAN_STATUS_CONTEXT = 'rolemodel/plan';
export const APPROVAL_STATUS_CONTEXT = 'rolemodel/approval';

export interface CommitStatus {
  readonly sha: string;
  readonly context: string;
  readonly state: 'success' | 'failure' | 'pending';
  /** GitHub keeps 140 characters. */
  readonly description: string;
}

const DESCRIPTION_MAX = 140;

const clip = (text: string): string =>
  text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…`;

const verdict = (report: PlanReport): Pick<CommitStatus, 'state' | 'description'> => {
  switch (report.outcome) {
    case 'planned':
      return report.failed
        ? {
            state: 'failure',
            description: `The plan has problems: ${renderPlanSummaryLine(report.plan.summary)}`,
          }
        : { state: 'success', description: renderPlanSummaryLine(report.plan.summary) };
    case 'invalid-files':
      return {
        state: 'failure',
        description: `${countErrors(report.diagnostics)} error(s) in the RoleModel files; nothing was planned.`,
      };
    case 'aws-unreadable':
      return { state: 'failure', description: 'Could not read AWS; nothing was planned.' };
    case 'fork':
      return { state: 'failure', description: 'No plan: the pull request comes from a fork.' };
  }
};

/** The status this run sets, if it sets one. */
export const planStatus = (report: RunReport): CommitStatus | undefined => {
  if (report.kind !== 'plan' || report.statusSha === undefined) return undefined;
  const { state, description } = verdict(report);
  return {
    sha: report.statusSha,
    context: PLAN_STATUS_CONTEXT,
    state,
    description: clip(description.replace(/\s+/g, ' ')),
  };
};

const approvalOf = (report: RunReport): ApprovalStatus | undefined =>
  report.kind === 'approval'
    ? report.approval
    : report.kind === 'plan' && report.outcome === 'planned'
      ? report.approval
      : undefined;

/** Every status this run sets: the plan's, and the approvals' on a pull request. */
export const commitStatuses = (report: RunReport): CommitStatus[] => {
  const plan = planStatus(report);
  const approval = approvalOf(report);
  return [
    ...(plan === undefined ? [] : [plan]),
    ...(approval === undefined
      ? []
      : [
          {
            sha: approval.sha,
            context: APPROVAL_STATUS_CONTEXT,
            state: approval.state,
            description: clip(approval.description),
          },
        ]),
  ];
};
