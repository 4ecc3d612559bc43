// Where a plan goes: the job summary (always whole), the step outputs (files under
// RUNNER_TEMP), and the pull request's one sticky comment (within GitHub's size limit).
import * as core from '@actions/core';
import * as github from '@actions/github';
import { upsertComment } from './comment.ts';
import { setFileOutput, setOutput } from './outputs.ts';
import type { PullRequestInfo } from './pull-request.ts';

export interface Publication {
  readonly commentBody: string;
  readonly marker: string;
  readonly summaryMarkdown: string;
  readonly json: unknown;
  readonly hasChanges: boolean;
}

export const publishOutputs = async (publication: Publication): Promise<void> => {
  await core.summary.addRaw(publication.summaryMarkdown, true).write();
  setOutput('has-changes', String(publication.hasChanges));
  setFileOutput('plan-json', 'plan.json', `${JSON.stringify(publication.json, null, 2)}\n`);
  setFileOutput('plan-markdown', 'plan.md', publication.summaryMarkdown);
};

const status = (e: unknown): number | undefined => (e as { status?: number } | null)?.status;

/** Posts or edits the plan comment; a token that may not comment is a warning, not a failure. */
export const publishComment = async (
  token: string,
  pr: PullRequestInfo,
  publication: Publication,
): Promise<void> => {
  const { owner, repo } = github.context.repo;
  try {
    const result = await upsertComment(
      { token, owner, repo, issueNumber: pr.number },
      publication.marker,
      publication.commentBody,
    );
    core.info(`Plan comment ${result.action}: ${result.url}`);
  } catch (e) {
    const code = status(e);
    if (code === 403 || code === 401 || code === 404) {
      core.warning(
        `Could not write the plan comment on #${pr.number} (HTTP ${code}: ${e instanceof Error ? e.message : String(e)}). Give the job \`permissions: pull-requests: write\`; the plan is in the job summary.`,
      );
      return;
    }
    throw e;
  }
};
