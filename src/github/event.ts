// Which command a run performs, from the `command` input and the event that started it,
// and the events a command must never run for.
import type { CommandName } from '../core/report/types.ts';
import { COMMANDS } from '../core/report/types.ts';

export type CommandInput = CommandName | 'auto';

export type Resolution =
  { readonly ok: true; readonly command: CommandName } | { readonly ok: false; readonly message: string };

export const isCommand = (value: unknown): value is CommandName =>
  typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);

/**
 * `auto` maps the event: pull_request -> plan, push -> apply, pull_request_review -> approval,
 * workflow_dispatch -> its own `command` input (default list), schedule -> expire (grants that
 * ended are removed, drift is reported in an issue).
 */
export const resolveCommand = (
  input: CommandInput,
  eventName: string,
  dispatchInputs: Readonly<Record<string, unknown>> | undefined,
): Resolution => {
  if (input !== 'auto') return { ok: true, command: input };
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
      return { ok: true, command: 'plan' };
    case 'push':
      return { ok: true, command: 'apply' };
    case 'pull_request_review':
      // A review submitted or dismissed: the approval status again, without AWS.
      return { ok: true, command: 'approval' };
    case 'schedule':
      return { ok: true, command: 'expire' };
    case 'workflow_dispatch': {
      const requested = dispatchInputs?.['command'];
      if (requested === undefined || requested === '') return { ok: true, command: 'list' };
      if (isCommand(requested)) return { ok: true, command: requested };
      return {
        ok: false,
        message: `The workflow_dispatch input \`command\` is "${String(requested)}"; it must be one of ${COMMANDS.join(', ')}.`,
      };
    }
    default:
      return {
        ok: false,
        message: `command: auto does not know what to do on a "${eventName}" event. Set the \`command\` input to one of ${COMMANDS.join(', ')}.`,
      };
  }
};

export interface EventFacts {
  readonly eventName: string;
  /** GITHUB_REF, e.g. refs/heads/main. */
  readonly ref: string | undefined;
  /** The repository's default branch, from the event payload. */
  readonly defaultBranch: string | undefined;
  /** The files checked out may come from another repository (a fork's pull request). */
  readonly foreignHead: boolean;
}

/** The only events that may change AWS, always on the default branch. */
const CHANGING_EVENTS: ReadonlySet<string> = new Set(['push', 'workflow_dispatch', 'schedule']);

/** Commands that change AWS: only on the default branch, for the events that may. */
const CHANGING_COMMANDS: ReadonlySet<CommandName> = new Set(['apply', 'delete', 'expire']);

/** Commands that read AWS with the deployer role's credentials. */
const AWS_COMMANDS: ReadonlySet<CommandName> = new Set(['plan', 'apply', 'list', 'delete', 'expire']);

const onDefaultBranch = (facts: EventFacts, command: CommandName): string | undefined => {
  // A scheduled run is always on the default branch, and its payload does not name it.
  if (facts.eventName === 'schedule' && facts.defaultBranch === undefined) return undefined;
  if (facts.defaultBranch === undefined || facts.ref === undefined)
    return `\`${command}\` runs only on the default branch, and this ${facts.eventName} event does not say which branch that is (no repository.default_branch in its payload, or no GITHUB_REF).`;
  const expected = `refs/heads/${facts.defaultBranch}`;
  if (facts.ref === expected) return undefined;
  return `\`${command}\` runs only on the default branch (${expected}); this run is on ${facts.ref}. Merge the change first, or run \`plan\` here.`;
};

/**
 * Why `command` must not run for this event, or undefined when it may. AWS changes only by a
 * push to the default branch, or a dispatched or scheduled run on it: no other event (a
 * comment, a review, a merge queue, pull_request_target) can apply files nobody reviewed.
 * A pull request's plan with a fork's files is not refused here: it becomes validation only.
 */
export const refuseCommand = (command: CommandName, facts: EventFacts): string | undefined => {
  if (CHANGING_COMMANDS.has(command)) {
    if (facts.eventName.startsWith('pull_request'))
      return `\`${command}\` never runs for a pull request (event ${facts.eventName}): a pull request gets \`plan\`, and merging it applies.`;
    if (!CHANGING_EVENTS.has(facts.eventName))
      return `\`${command}\` never runs for a ${facts.eventName} event: AWS changes only on a push to the default branch, or a workflow_dispatch or schedule run on it.`;
    return onDefaultBranch(facts, command);
  }
  if (command !== 'plan' && AWS_COMMANDS.has(command) && facts.foreignHead)
    return `\`${command}\` never runs with files from another repository (a fork's pull request): they would run with the deployer role's credentials.`;
  return undefined;
};
