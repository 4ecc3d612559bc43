// The `rolemodel/approval` status of a pull request's head: the base branch's rules, applied to
// the escalations of the plan of that head. Shared by `plan` and the `approval` command (a
// review submitted or dismissed), which needs no AWS.
import { approvalDescription } from '../core/approvals/verdict.ts';
import type { ApprovalStatus } from '../core/report/types.ts';
import type { ReviewedEscalation } from '../core/review/fingerprint.ts';
import type { Repository } from '../core/load-repository.ts';
import type { BaseRepository } from '../io/base-repository.ts';
import type { RunContext } from '../run-context.ts';
import { checkApprovals, sameRules } from './approval-check.ts';
import type { Services } from './services.ts';

export const approvalStatusOf = async (
  context: RunContext,
  services: Services,
  head: {
    readonly sha: string;
    readonly repository: Repository;
    readonly escalations: readonly ReviewedEscalation[];
  },
  base: BaseRepository | undefined,
): Promise<ApprovalStatus | undefined> => {
  const pr = context.pullRequest;
  if (pr === undefined || context.foreignHead) return undefined;
  if (base === undefined || base.kind === 'unreadable')
    return {
      sha: head.sha,
      state: 'pending',
      description: "The base branch's config could not be read, so who must approve is not known.",
      verdict: undefined,
    };
  const rules = base.kind === 'loaded' ? base.repository.config.approvals : new Map();
  const verdict = await checkApprovals(context, services, {
    rules,
    escalations: head.escalations,
    approvalsChanged: base.kind === 'loaded' && !sameRules(rules, head.repository.config.approvals),
    pullRequest: pr.number,
    headSha: head.sha,
    author: pr.author,
  });
  return { sha: head.sha, state: verdict.state, description: approvalDescription(verdict), verdict };
};
