import type { IamState } from '../iam/model.ts';
import type { Random } from '../util/random.ts';
import type { Scheduler } from '../util/scheduler.ts';
import type { FailureRegistry } from './failures.ts';
import type { CfnRegionState } from './model.ts';

/** Mutable through the control API; read at the moment each step is scheduled. */
export interface CfnTiming {
  stackOperationDelayMs: number;
  changeSetDelayMs: number;
}

/** What the CloudFormation emulation needs from the rest of the emulator. */
export interface CfnEnv {
  rng: Random;
  now(): Date;
  scheduler: Scheduler;
  timing: CfnTiming;
  failures: FailureRegistry;
  iam(account: string): IamState;
  region(account: string, region: string): CfnRegionState;
}
