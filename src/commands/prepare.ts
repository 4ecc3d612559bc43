// The common start of the commands that talk to AWS: valid files, a region, a session.
import * as core from '@actions/core';
import type { Diagnostic } from '../core/diagnostics.ts';
import { countErrors, hasErrors } from '../core/diagnostics.ts';
import type { Repository } from '../core/load-repository.ts';
import { resolveRegion } from '../aws/region.ts';
import { openSession } from '../aws/session.ts';
import type { AwsSession } from '../aws/session.ts';
import { renderDiagnostics } from '../core/render/diagnostics.ts';
import type { CommandOutcome, RunContext } from './context.ts';
import { loadAndAnnotate } from './load.ts';
import { credentialSettings } from './run-facts.ts';

export type Prepared =
  | {
      readonly ok: true;
      readonly repository: Repository;
      readonly diagnostics: readonly Diagnostic[];
      readonly session: AwsSession;
    }
  | { readonly ok: false; readonly headline: string; readonly diagnostics: readonly Diagnostic[] };

export const prepare = (context: RunContext): Prepared => {
  const { repository, diagnostics } = loadAndAnnotate(context);
  if (!repository || hasErrors(diagnostics)) {
    const errors = countErrors(diagnostics);
    return {
      ok: false,
      headline: `${errors} error(s) in the RoleModel files; see the annotations. Nothing was changed.`,
      diagnostics,
    };
  }
  const region = resolveRegion(context.inputs.awsRegion, repository.config.region, process.env);
  if (!region.ok) return { ok: false, headline: region.message, diagnostics };
  const session = openSession(repository.config, credentialSettings(context, repository, region.region));
  return { ok: true, repository, diagnostics, session };
};

/** The outcome of a command that could not start: why, in the job summary too. */
export const notPrepared = async (
  command: string,
  prepared: Extract<Prepared, { ok: false }>,
): Promise<CommandOutcome> => {
  await core.summary
    .addRaw(
      `## RoleModel ${command}\n\n❌ ${prepared.headline}\n\n${renderDiagnostics(prepared.diagnostics)}`,
    )
    .write();
  return { failed: true, headline: prepared.headline };
};
