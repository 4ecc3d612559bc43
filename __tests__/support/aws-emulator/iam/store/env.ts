import type { Random } from '../../util/random.ts';

/** Id generation and clock used when IAM entities are created. */
export interface IamEnv {
  rng: Random;
  now: () => Date;
}
