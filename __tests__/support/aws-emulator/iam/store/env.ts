import type { Random } from '../../util/random.ts';

/** Id generation and clock used when IAM entities are created. */
export interface IamEnv {
  rng: Random;
  now: () => Date;
  /** How long a group made by CreateGroup is not yet found by other calls. */
  consistencyWindowMs?: number;
}
