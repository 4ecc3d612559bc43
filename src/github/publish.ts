// Where a plan goes: the job summary and the pull request's one sticky comment (each within
// its GitHub size limit), and the step outputs (files under RUNNER_TEMP, always whole).
import * as core from '@actions/core';
import * as github from '@actions/github';
import { upsertComment } from './comment.ts';
import { setFileOutput, setOutput } from './outputs.ts';
import type { PullRequestInfo } from './pull-request.ts';

export interface Publication {
  readonly commentBody: string;
  readonly marker: string;
  readonly summaryMarkdown: string;
  /** The whole document for the `plan-markdown` output, when the summary had to be cut. */
  readonly fullMarkdown?: string;
  readonly json: unknown;
  readonly hasChanges: boolean;
}

export const publishOutputs = async (publication: Publication): Promise<void> => {
  await core.summary.addRaw(publication.summaryMarkdown, true).write();
  setOutput('has-changes', String(publication.hasChanges));
  setFileOutput('plan-json', 'plan.json', `${JSON.stringify(publication.json, null, 2)}\n`);
  setFileOutput('plan-markdown', 'plan.md', publication.fullMarkdown ?? publication.summaryMarkdown);
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
