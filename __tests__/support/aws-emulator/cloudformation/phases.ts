import type { CfnEnv } from './env.ts';
import type { Stack } from './model.ts';
import type { ProvisionContext } from './resources/types.ts';

/** Stack operations advance in phases separated by the configurable operation delay. */
export function runPhase(env: CfnEnv, immediate: boolean, phase: () => void): void {
  if (immediate) phase();
  else env.scheduler.after(env.timing.stackOperationDelayMs, phase);
}

export function provisionContext(env: CfnEnv, stack: Stack, logicalId: string): ProvisionContext {
  return {
    iam: env.iam(stack.account),
    env: { rng: env.rng, now: () => env.now() },
    account: stack.account,
    region: stack.region,
    stackName: stack.name,
    logicalId,
  };
}
