// Tracks the emulator's own timers so that close()/reset() can cancel them and tests can await quiescence.
export interface Scheduler {
  after(ms: number, task: () => void): void;
  /** Resolves once no scheduled task remains (tasks may schedule follow-ups). */
  idle(): Promise<void>;
  cancelAll(): void;
}

export function createScheduler(onTaskError: (error: unknown) => void): Scheduler {
  const pending = new Set<NodeJS.Timeout>();
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    if (pending.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  return {
    after(ms, task) {
      const handle = setTimeout(
        () => {
          pending.delete(handle);
          try {
            task();
          } catch (error) {
            onTaskError(error);
          }
          settle();
        },
        Math.max(0, ms),
      );
      handle.unref();
      pending.add(handle);
    },
    idle() {
      if (pending.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    cancelAll() {
      for (const handle of pending) clearTimeout(handle);
      pending.clear();
      settle();
    },
  };
}
