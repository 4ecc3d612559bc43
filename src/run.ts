// The entry: read the inputs, map the event to a command, run it, report the outcome.
import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import type { CommandOutcome, RunContext } from './commands/context.ts';
import { applyCommand } from './commands/apply.ts';
import { deleteCommand } from './commands/delete.ts';
import { listCommand } from './commands/list.ts';
import { planCommand } from './commands/plan.ts';
import { validate } from './commands/validate.ts';
import type { Command } from './github/event.ts';
import { refuseUnreviewed, resolveCommand } from './github/event.ts';
import { completeOutputs } from './github/outputs.ts';
import { readInputs } from './inputs.ts';

const commands: Readonly<Record<Command, (context: RunContext) => Promise<CommandOutcome>>> = {
  validate,
  plan: planCommand,
  apply: applyCommand,
  list: listCommand,
  delete: deleteCommand,
};

const readPayload = (): Record<string, unknown> => {
  const path = process.env['GITHUB_EVENT_PATH'];
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** Ends a run that cannot go on, with the outputs a workflow reads still set. */
const stop = (command: string, headline: string): void => {
  completeOutputs(command, { failed: true, headline });
  core.setFailed(headline);
};

export const run = async (): Promise<void> => {
  const read = readInputs();
  if (!read.ok) {
    for (const message of read.errors) core.error(message);
    stop('run', `${read.errors.length} input error(s); see above.`);
    return;
  }
  const eventName = process.env['GITHUB_EVENT_NAME'] ?? '';
  const payload = readPayload();
  const dispatchInputs = payload['inputs'];
  const resolution = resolveCommand(
    read.inputs.command,
    eventName,
    typeof dispatchInputs === 'object' && dispatchInputs !== null
      ? (dispatchInputs as Record<string, unknown>)
      : undefined,
  );
  if (!resolution.ok) {
    stop('run', resolution.message);
    return;
  }
  const repository = payload['repository'];
  const defaultBranch =
    typeof repository === 'object' && repository !== null
      ? (repository as Record<string, unknown>)['default_branch']
      : undefined;
  const refusal = refuseUnreviewed(resolution.command, {
    eventName,
    ref: process.env['GITHUB_REF'] || undefined,
    defaultBranch: typeof defaultBranch === 'string' ? defaultBranch : undefined,
  });
  if (refusal !== undefined) {
    stop(resolution.command, refusal);
    return;
  }
  const handler = commands[resolution.command];
  const context: RunContext = {
    inputs: read.inputs,
    workspace: process.env['GITHUB_WORKSPACE'] || process.cwd(),
    eventName,
    payload,
  };
  core.info(
    `RoleModel: ${resolution.command} (event: ${eventName || 'none'}, config: ${read.inputs.config})`,
  );
  try {
    const outcome = await handler(context);
    completeOutputs(resolution.command, outcome);
    if (outcome.failed) core.setFailed(outcome.headline);
    else core.info(outcome.headline);
  } catch (e) {
    // Unexpected failures: a message, and the stack trace only in debug logs.
    const err = e instanceof Error ? e : new Error(String(e));
    core.debug(err.stack ?? err.message);
    const headline = `RoleModel ${resolution.command} failed: ${err.message}`;
    completeOutputs(resolution.command, { failed: true, headline });
    core.setFailed(headline);
  }
};
