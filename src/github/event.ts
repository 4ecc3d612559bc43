// Which command a run performs, from the `command` input and the event that started it.

export const COMMANDS = ['validate', 'plan', 'apply', 'list', 'delete'] as const;
export type Command = (typeof COMMANDS)[number];
export type CommandInput = Command | 'auto';

export type Resolution =
  { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly message: string };

export const isCommand = (value: unknown): value is Command =>
  typeof value === 'string' && (COMMANDS as readonly string[]).includes(value);

/**
 * `auto` maps the event: pull_request -> plan, push -> apply, workflow_dispatch -> its own
 * `command` input (default list), schedule -> plan (a drift check).
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
    case 'schedule':
      return { ok: true, command: 'plan' };
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

export interface RunFacts {
  readonly eventName: string;
  /** GITHUB_REF, e.g. refs/heads/main; undefined outside GitHub Actions. */
  readonly ref: string | undefined;
  /** The repository's default branch, from the event payload. */
  readonly defaultBranch: string | undefined;
}

/**
 * Commands that change AWS run only on the default branch and never for a pull request, so a
 * branch or a pull request cannot apply files nobody reviewed, whatever its workflow says.
 */
export const refuseUnreviewed = (command: Command, facts: RunFacts): string | undefined => {
  if (command !== 'apply' && command !== 'delete') return undefined;
  if (facts.eventName.startsWith('pull_request')) {
    return `\`${command}\` never runs for a pull request (event ${facts.eventName}): a pull request gets \`plan\`, and merging it applies.`;
  }
  if (facts.ref === undefined || facts.defaultBranch === undefined) return undefined;
  const expected = `refs/heads/${facts.defaultBranch}`;
  if (facts.ref === expected) return undefined;
  return `\`${command}\` runs only on the default branch (${expected}); this run is on ${facts.ref}. Merge the change first, or run \`plan\` here.`;
};
