// `npm run lint` fails on an import cycle in src/: the checker finds planted ones, and src/ has none.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { findCycles, importsOf } from '../../scripts/import-cycles.ts';
import { REPO_ROOT } from '../support/harness/paths.ts';

const root = REPO_ROOT;

test('type-only, re-export and side-effect imports all count', () => {
  const text = [
    "import type { A } from './a.ts';",
    "export { B } from '../b.ts';",
    "import './c.ts';",
    "import { readFileSync } from 'node:fs';",
  ].join('\n');
  expect(importsOf('src/x/y.ts', text)).toEqual(['src/x/a.ts', 'src/b.ts', 'src/x/c.ts']);
});

test('a planted cycle is found, with the files around it', () => {
  const files = new Map([
    ['src/core/a.ts', "import type { B } from './b.ts';"],
    ['src/core/b.ts', "import { c } from '../c.ts';"],
    ['src/c.ts', "import type { A } from './core/a.ts';"],
    ['src/d.ts', "import { c } from './c.ts';"],
  ]);
  expect(findCycles(files)).toEqual([['src/c.ts', 'src/core/a.ts', 'src/core/b.ts', 'src/c.ts']]);
});

test('src/ has no import cycle', () => {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path), readFileSync(path, 'utf8'));
  }
  expect(findCycles(files)).toEqual([]);
});

test('the lint step exits 1 and names the cycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.ts'), "import { b } from './b.ts';\nexport const a = 1;\n");
  writeFileSync(join(dir, 'src', 'b.ts'), "import { a } from './a.ts';\nexport const b = a;\n");
  let status = 0;
  let stderr = '';
  try {
    execFileSync(
      join(root, 'node_modules', '.bin', 'node'),
      [join(root, 'scripts', 'check-import-cycles.ts'), relative(root, join(dir, 'src'))],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  } catch (e) {
    status = (e as { status: number }).status;
    stderr = String((e as { stderr: Buffer }).stderr);
  }
  expect(status).toBe(1);
  expect(stderr).toMatch(/Import cycle: .*a\.ts -> .*b\.ts -> .*a\.ts/);
});
