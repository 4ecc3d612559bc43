// The action's entry point (action.yml `main: dist/index.js`, bundled from here).
import { run } from './main.ts';
import { keepYoungGenerationSmall } from './util/memory.ts';

keepYoungGenerationSmall();
await run();
