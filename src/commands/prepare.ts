// The common start of the commands: the files read and checked, then, for the commands that
// talk to AWS, a region and a session.
import { openSession } from '../aws/session.ts';
import type { AwsSession } from '../aws/session.ts';
import type { CredentialSettings } from '../aws/credentials.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { loadRepository } from '../core/load-repository.ts';
import type { ChangeReview, LoadResult, Repository } from '../core/load-repository.ts';
import { plural } from '../core/render/markdown.ts';
import { NO_REGION } from '../core/region.ts';
import type { CommandName, StoppedReport } from '../core/report/types.ts';
import { workspaceReader } from '../io/workspace-reader.ts';
import type { RunContext } from '../run-context.ts';
import type { Services } from './services.ts';

/** Reads and checks the files of the workspace; `change` when they are a pull request's. */
export const loadFiles = (context: RunContext, services: Services, change?: ChangeReview): LoadResult => {
  const result = loadRepository(
    workspaceReader(context.workspace),
    context.inputs.config,
    { input: context.inputs.awsRegion, environment: context.environmentRegion },
    context.now,
    change,
  );
  if (!hasErrors(result.diagnostics) && result.repository) {
    const { config, template, desired } = result.repository;
    services.log.info(
      `Read ${config.file}: ${plural(config.accounts.length, 'account')}, ${plural(template.roles.length, 'role')}, ${plural(desired.groups.length, 'group')}${desired.teams.length > 0 ? `, ${plural(desired.teams.length, 'team')}` : ''}.`,
    );
  }
  return result;
};

/** What the files' errors say in one line. */
export const filesHaveErrors = (diagnostics: readonly Diagnostic[]): string =>
  `${plural(countErrors(diagnostics), 'error')} in the RoleModel files; see the annotations.`;

export const stopped = (
  command: CommandName,
  headline: string,
  diagnostics: readonly Diagnostic[] = [],
): StoppedReport => ({ kind: 'stopped', command, failed: true, headline, diagnostics });

const credentialSettings = (
  context: RunContext,
  services: Services,
  repository: Repository,
  region: string,
): CredentialSettings => ({
  source: context.inputs.credentials,
  hooks: services.credentials,
  region,
  masterRoleArn: repository.config.masterRoleArn,
  runId: context.runId,
  actor: context.actor,
  repository: context.repository ? `${context.repository.owner}/${context.repository.repo}` : undefined,
});

export type Prepared =
  | {
      readonly ok: true;
      readonly repository: Repository;
      readonly diagnostics: readonly Diagnostic[];
      readonly session: AwsSession;
    }
  | { readonly ok: false; readonly report: StoppedReport };

/** Valid files, a region and a session, or the report of why the command cannot start. */
export const prepare = (command: CommandName, context: RunContext, services: Services): Prepared => {
  const { repository, diagnostics } = loadFiles(context, services);
  if (!repository || hasErrors(diagnostics))
    return {
      ok: false,
      report: stopped(command, `${filesHaveErrors(diagnostics)} Nothing was changed.`, diagnostics),
    };
  return openAws(command, context, services, repository, diagnostics);
};

/** A session for valid files, or why there is none (no region). */
export const openAws = (
  command: CommandName,
  context: RunContext,
  services: Services,
  repository: Repository,
  diagnostics: readonly Diagnostic[],
): Prepared => {
  if (repository.region === undefined) return { ok: false, report: stopped(command, NO_REGION, diagnostics) };
  const session = openSession(
    repository.config,
    credentialSettings(context, services, repository, repository.region),
  );
  return { ok: true, repository, diagnostics, session };
};
