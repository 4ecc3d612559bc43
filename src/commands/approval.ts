// `approval` (a review submitted or dismissed on a pull request): the `rolemodel/approval`
// status worked out again without AWS, from the escalations the plan comment recorded for the
// current head. A newer push than that plan means the plan of the head is still to come.
import { hasErrors } from '../core/diagnostics.ts';
import type { RunReport } from '../core/report/types.ts';
import { fileEscalations } from '../core/review/file-escalations.ts';
import type { FilesVersion } from '../core/review/file-escalations.ts';
import { planCommentOf } from '../github/reviewed-plans.ts';
import type { BaseRepository } from '../io/base-repository.ts';
import type { RunContext } from '../run-context.ts';
import { approvalStatusOf } from './approval-status.ts';
import { readBase } from './plan.ts';
import { filesHaveErrors, loadFiles, stopped } from './prepare.ts';
import type { Services } from './services.ts';

/** The base's files; undefined when it has none (every grant is new) or is not known. */
const baseFiles = (base: BaseRepository | undefined): FilesVersion | undefined =>
  base?.kind === 'loaded' ? base.repository : undefined;

export const approvalCommand = async (context: RunContext, services: Services): Promise<RunReport> => {
  const pr = context.pullRequest;
  if (pr === undefined || !pr.headSha)
    return stopped('approval', '`approval` runs for a pull request (a pull_request_review event, say).');
  if (context.foreignHead)
    return {
      kind: 'approval',
      pullRequest: pr.number,
      approval: undefined,
      failed: false,
      headline: "A fork's pull request: no status is set.",
      diagnostics: [],
    };
  const { repository, diagnostics } = loadFiles(context, services);
  if (!repository || hasErrors(diagnostics))
    return stopped('approval', filesHaveErrors(diagnostics), diagnostics);
  if (services.github === undefined || context.repository === undefined)
    return stopped('approval', 'No GitHub token or repository: reviews cannot be read.');
  const [comment, base] = await Promise.all([
    planCommentOf(services.github, context.repository, pr.number),
    readBase(context, services),
  ]);
  const planned = comment.fingerprint?.head === pr.headSha ? comment.fingerprint : undefined;
  // A comment with its record removed spares nothing: what the files escalate still counts.
  const fromFiles = base?.kind === 'unreadable' ? [] : fileEscalations(baseFiles(base), repository);
  // No plan at all: a pull request that does not touch the access files has nothing to approve
  // (its plan, if one comes, sets the status again; apply checks approvals for itself).
  const approval =
    comment.fingerprint === undefined && fromFiles.length === 0
      ? {
          sha: pr.headSha,
          state: 'success' as const,
          description: 'No RoleModel plan on this pull request: nothing to approve.',
          verdict: undefined,
        }
      : planned || comment.fingerprint === undefined
        ? await approvalStatusOf(
            context,
            services,
            {
              sha: pr.headSha,
              repository,
              escalations: planned?.escalations ?? [],
            },
            base,
          )
        : {
            sha: pr.headSha,
            state: 'pending' as const,
            description: `Waiting for the plan of ${pr.headSha.slice(0, 7)}: approvals count once it shows what the change escalates.`,
            verdict: undefined,
          };
  return {
    kind: 'approval',
    pullRequest: pr.number,
    approval,
    failed: false,
    headline: `rolemodel/approval: ${approval?.state ?? 'not set'}${approval ? ` (${approval.description})` : ''}`,
    diagnostics,
  };
};
