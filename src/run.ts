// The entry's logic: the inputs checked, the event mapped to a command, the command run.
// Returns the run's report whatever happens; publishing it is the caller's (src/main.ts).
import { applyCommand } from './commands/apply.ts';
import { approvalCommand } from './commands/approval.ts';
import { deleteCommand } from './commands/delete.ts';
import { expireCommand } from './commands/expire.ts';
import { listCommand } from './commands/list.ts';
import { planCommand } from './commands/plan.ts';
import { stopped } from './commands/prepare.ts';
import type { Services } from './commands/services.ts';
import { validateCommand } from './commands/validate.ts';
import type { CommandName, RunReport } from './core/report/types.ts';
import { refuseCommand, resolveCommand } from './github/event.ts';
import type { InputsResult } from './inputs.ts';
import type { RunContext, RunFacts } from './run-context.ts';

const commands: Readonly<
  Record<CommandName, (context: RunContext, services: Services) => Promise<RunReport>>
> = {
  validate: validateCommand,
  plan: planCommand,
  apply: applyCommand,
  list: listCommand,
  delete: deleteCommand,
  approval: approvalCommand,
  expire: expireCommand,
};

export const runCommand = async (
  facts: RunFacts,
  read: InputsResult,
  services: Services,
): Promise<RunReport> => {
  if (!read.ok) {
    const headline = `${read.errors.length} input error(s): ${read.errors.join(' ')}`;
    return { kind: 'stopped', command: undefined, failed: true, headline, diagnostics: [] };
  }
  if (facts.nowProblem !== undefined)
    return { kind: 'stopped', command: undefined, failed: true, headline: facts.nowProblem, diagnostics: [] };
  const context: RunContext = { ...facts, inputs: read.inputs };
  const resolution = resolveCommand(read.inputs.command, facts.eventName, facts.dispatchInputs);
  if (!resolution.ok)
    return {
      kind: 'stopped',
      command: undefined,
      failed: true,
      headline: resolution.message,
      diagnostics: [],
    };
  const { command } = resolution;
  const refusal = refuseCommand(command, facts);
  if (refusal !== undefined) return stopped(command, refusal);
  services.log.info(
    `RoleModel: ${command} (event: ${facts.eventName || 'none'}, config: ${read.inputs.config})`,
  );
  try {
    return await commands[command](context, services);
  } catch (e) {
    // Unexpected failures: a message, and the stack trace only in debug logs.
    const err = e instanceof Error ? e : new Error(String(e));
    services.log.debug(err.stack ?? err.message);
    return stopped(command, `RoleModel ${command} failed: ${err.message}`);
  }
};
