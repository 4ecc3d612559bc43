// The action's entry point (action.yml `main: dist/index.js`, bundled from here).
import { run } from './main.ts';

await run();
