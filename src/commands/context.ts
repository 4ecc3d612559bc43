// What every command receives: the checked inputs and the facts of the run.
import type { Inputs } from '../inputs.ts';

export interface RunContext {
  readonly inputs: Inputs;
  readonly workspace: string;
  readonly eventName: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What a command reports back: the process fails when `failed` is true. */
export interface CommandOutcome {
  readonly failed: boolean;
  /** One line for the log and `core.setFailed`. */
  readonly headline: string;
}
