// `npm run lint` step: fails when a module of src/ imports itself through others.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findCycles } from './import-cycles.ts';

const root = join(import.meta.dirname, '..');
const folder = join(root, process.argv[2] ?? 'src');
const files = new Map<string, string>();
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
  const path = join(entry.parentPath, entry.name);
  files.set(relative(root, path), readFileSync(path, 'utf8'));
}
const cycles = findCycles(files);
for (const cycle of cycles) console.error(`Import cycle: ${cycle.join(' -> ')}`);
if (cycles.length > 0) {
  console.error(
    `${cycles.length} import cycle(s) in ${relative(root, folder)}/: move the shared part into a module both can import.`,
  );
  process.exit(1);
}
console.log(`No import cycles among ${files.size} modules of ${relative(root, folder)}/.`);
