// The action's peak memory at scale. V8 grows its young generation (up to 64 MB per semi-space
// on Node 24) when many objects outlive a scavenge, which is what hundreds of accounts' requests
// in flight at once look like: at 500 accounts that growth alone is about 100 MB of resident
// memory. An action cannot pass `--max-semi-space-size` to the node that runs it, but the
// growth factor is read each time V8 would grow the space, so it can be set from inside.
import { setFlagsFromString } from 'node:v8';

/** Keeps the young generation at its starting size: more, smaller scavenges, a lower peak. */
export const keepYoungGenerationSmall = (): void => {
  setFlagsFromString('--semi-space-growth-factor=1');
};
