// The `rolemodel/approval` status of a pull request's head: the base branch's rules, applied to
// the escalations of the plan of that head and those its files make against the base's (a
// plan comment's record is anyone's text once a token can edit it). Shared by `plan` and the `approval` command (a
// review submitted or dismissed), which needs no AWS.
import { approvalDescription } from '../core/approvals/verdict.ts';
import type { ApprovalStatus } from '../core/report/types.ts';
import { fileEscalations } from '../core/review/file-escalations.ts';
import { unionOfEscalations } from '../core/review/fingerprint.ts';
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
  // The plan's list is trusted for nothing it leaves out: what the files escalate counts too.
  const fromFiles = fileEscalations(base.kind === 'loaded' ? base.repository : undefined, head.repository);
  const verdict = await checkApprovals(context, services, {
    rules,
    escalations: unionOfEscalations(head.escalations, fromFiles),
    approvalsChanged: base.kind === 'loaded' && !sameRules(rules, head.repository.config.approvals),
    pullRequest: pr.number,
    headSha: head.sha,
    author: pr.author,
  });
  return { sha: head.sha, state: verdict.state, description: approvalDescription(verdict), verdict };
};
