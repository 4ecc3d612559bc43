// Hand changes at a chosen moment of a run: an action that runs when the n-th call of an
// operation arrives, before that call is handled (so the call already sees its effect).
// Tests use it for what happens "meanwhile" in AWS: an administrator's change between a
// run's read and its write, credentials that expire half-way through.

export interface TriggerOptions {
  /** Fire on this call of the operation, counting from when the trigger was set (default 1). */
  call?: number;
}

export interface Triggers {
  add(operation: string, action: () => void, options?: TriggerOptions): void;
  /** Runs (and forgets) the triggers that this call of `operation` fires. */
  fire(operation: string): void;
  clear(): void;
}

interface Trigger {
  operation: string;
  remaining: number;
  action: () => void;
}

export function createTriggers(): Triggers {
  let triggers: Trigger[] = [];
  return {
    add(operation, action, options = {}) {
      const call = options.call ?? 1;
      if (!Number.isInteger(call) || call < 1) throw new RangeError(`call must be 1 or more, got ${call}`);
      triggers.push({ operation, remaining: call, action });
    },
    fire(operation) {
      const due: Trigger[] = [];
      for (const t of triggers) {
        if (t.operation !== operation) continue;
        t.remaining -= 1;
        if (t.remaining === 0) due.push(t);
      }
      triggers = triggers.filter((t) => t.remaining > 0);
      for (const t of due) t.action();
    },
    clear() {
      triggers = [];
    },
  };
}
