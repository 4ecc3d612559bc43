import { run } from './run.ts';
import { keepYoungGenerationSmall } from './util/memory.ts';

keepYoungGenerationSmall();
await run();
