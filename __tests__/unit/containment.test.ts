// Paths proven inside the repository: the pure check (shared with the base-commit reader) and
// the workspace reader that resolves symbolic links on disk.
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRepository } from '../../src/core/load-repository.ts';
import { isInsideRepository, repositoryPath, repositoryPathFrom } from '../../src/core/repository-path.ts';
import type { RepositoryPath } from '../../src/core/repository-path.ts';
import { loadYaml } from '../../src/core/yaml/load.ts';
import { workspaceReader } from '../../src/io/workspace-reader.ts';
import { memoryReader, validFiles, VALID_CONFIG, TEST_NOW } from './memory-reader.ts';

describe('repositoryPath: a path relative to the repository root', () => {
  test.each([
    ['roles.yml', 'roles.yml'],
    ['./access//roles.yml', 'access/roles.yml'],
    ['access/../roles.yml', 'roles.yml'],
    ['a/b/../../c.yml', 'c.yml'],
    ['.github/rolemodel.yml', '.github/rolemodel.yml'],
    ['.gitignore', '.gitignore'],
    ['dir.git/x', 'dir.git/x'],
  ])('%s is %s', (written, normal) => {
    expect(repositoryPath(written)).toEqual({ ok: true, path: normal });
  });

  test.each([
    ['', 'the path is empty'],
    ['../secret.yml', 'the path leads out of the repository'],
    ['a/../../secret.yml', 'the path leads out of the repository'],
    ['/etc/passwd', 'the path is absolute'],
    ['C:/Windows/win.ini', 'the path is absolute'],
    ['..\\secret.yml', 'the path contains a backslash; write paths with `/`'],
    ['.git/config', 'the path leads into `.git/`'],
    ['.GIT/config', 'the path leads into `.git/`'],
    ['.git./config', 'the path leads into `.git/`'],
    ['git~1/config', 'the path leads into `.git/`'],
    ['sub/.git/config', 'the path leads into `.git/`'],
    ['.', 'the path names the repository itself, not a file'],
    ['a\0b', 'the path contains a NUL character'],
  ])('%j is refused: %s', (written, reason) => {
    expect(repositoryPath(written)).toEqual({ ok: false, reason });
  });

  test('paths in the config are relative to its folder, and may not climb out of the repository', () => {
    expect(repositoryPathFrom('access/rolemodel.yml', '../roles.yml')).toEqual({
      ok: true,
      path: 'roles.yml',
    });
    expect(repositoryPathFrom('access/rolemodel.yml', '../../roles.yml')).toMatchObject({ ok: false });
    expect(repositoryPathFrom('access/rolemodel.yml', '/access/roles.yml')).toEqual({
      ok: false,
      reason: 'the path is absolute',
    });
  });

  test('a path as the file system resolved it is inside only below the root and outside .git', () => {
    expect(isInsideRepository('roles.yml')).toBe(true);
    expect(isInsideRepository('')).toBe(false);
    expect(isInsideRepository('../x')).toBe(false);
    expect(isInsideRepository('a/.git/config')).toBe(false);
    expect(isInsideRepository('a\\.GIT\\config')).toBe(false);
  });
});

describe('workspaceReader: the path proven again on disk, links followed', () => {
  let root: string;
  let workspace: string;
  const read = (path: string) => {
    const checked = repositoryPath(path);
    if (!checked.ok) throw new Error(checked.reason);
    return workspaceReader(workspace)(checked.path);
  };
  const outsideRefusal = {
    refused: 'it leads out of the repository or into `.git/` through a symbolic link',
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rolemodel-reader-'));
    workspace = join(root, 'workspace');
    mkdirSync(join(workspace, '.git'), { recursive: true });
    mkdirSync(join(workspace, 'access'));
    writeFileSync(
      join(workspace, '.git', 'config'),
      '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n',
    );
    writeFileSync(join(workspace, 'access', 'roles.yml'), 'Resources: {}\n');
    writeFileSync(join(root, 'outside.yml'), 'secret: 1\n');
    execFileSync('mkfifo', [join(root, 'pipe')]);
    symlinkSync('access/roles.yml', join(workspace, 'inside-link.yml'));
    symlinkSync('.git/config', join(workspace, 'git-link.yml'));
    symlinkSync('../outside.yml', join(workspace, 'out-link.yml'));
    symlinkSync('..', join(workspace, 'up'));
    symlinkSync('../pipe', join(workspace, 'pipe.yml'));
    symlinkSync('../missing.yml', join(workspace, 'dangling-out.yml'));
    symlinkSync('access/missing.yml', join(workspace, 'dangling-in.yml'));
    symlinkSync('loop-b.yml', join(workspace, 'loop-a.yml'));
    symlinkSync('loop-a.yml', join(workspace, 'loop-b.yml'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('files inside, also through a link that stays inside', () => {
    expect(new TextDecoder().decode(read('access/roles.yml') as Uint8Array)).toBe('Resources: {}\n');
    expect(read('inside-link.yml')).toBeInstanceOf(Uint8Array);
  });

  test.each(['git-link.yml', 'out-link.yml', 'up/outside.yml', 'pipe.yml', 'dangling-out.yml', 'loop-a.yml'])(
    '%s is refused without being opened',
    (path) => {
      expect(read(path)).toEqual(outsideRefusal);
    },
  );

  test('a missing file, directly or behind a link that stays inside, does not exist', () => {
    expect(read('nothing.yml')).toBeUndefined();
    expect(read('dangling-in.yml')).toBeUndefined();
  });

  test('a directory cannot be read', () => {
    expect(read('access')).toEqual({ unreadable: 'it is a directory' });
  });

  test('the loader says which key named the refused file, on its line', () => {
    writeFileSync(
      join(workspace, 'rolemodel.yml'),
      VALID_CONFIG.replace('users: users.yml', 'users: git-link.yml'),
    );
    writeFileSync(join(workspace, 'roles.yml'), validFiles()['roles.yml'] ?? '');
    const { diagnostics } = loadRepository(workspaceReader(workspace), 'rolemodel.yml', {}, TEST_NOW);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'rolemodel.yml',
        line: 5,
        message:
          '`users` must name a file in this repository: it leads out of the repository or into `.git/` through a symbolic link.',
      }),
    ]);
  });
});

describe('the config input is a repository path too', () => {
  test.each(['../rolemodel.yml', '/etc/passwd', '.git/config'])('%s is refused', (input) => {
    const { diagnostics, repository } = loadRepository(memoryReader(validFiles()), input, {}, TEST_NOW);
    expect(repository).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^The `config` input must name a file in this repository: /),
      }),
    ]);
  });

  test('the reader is only ever asked for checked paths', () => {
    const asked: RepositoryPath[] = [];
    const files = validFiles();
    loadRepository(
      (path) => {
        asked.push(path);
        return memoryReader(files)(path);
      },
      './rolemodel.yml',
      {},
      TEST_NOW,
    );
    expect(asked).toEqual(['rolemodel.yml', 'roles.yml', 'users.yml']);
  });
});

describe('a file that cannot be parsed is described, never quoted', () => {
  const secret = 'c2VjcmV0LXRva2VuLXZhbHVl';
  const hostile = [
    `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${secret}\n`,
    `key: "${secret}\n`,
    `%YAML ${secret}\n---\na: 1\n`,
    `- ${secret}: [a\n`,
    `a: *${secret}\n`,
    `{ ${secret}: 1, ${secret}: 2 }\n`,
    `"\\q${secret}"\n`,
    `key: |${secret}\n  text\n`,
    `a: '${secret}\n`,
    `a:\n  - b\n c: ${secret}\n`,
  ];
  test.each(hostile.map((text, i) => [i, text] as const))('case %i', (_i, text) => {
    const loaded = loadYaml('users.yml', new TextEncoder().encode(text), { example: '' });
    expect(loaded.ok).toBe(false);
    for (const d of loaded.diagnostics) {
      expect(`${d.message} ${d.hint ?? ''}`).not.toContain(secret);
      expect(d.message).toMatch(/\(line \d+, column \d+\)/);
    }
  });

  test('the parser prints no warning of its own (they quote the file, to stderr)', () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      loadYaml('users.yml', new TextEncoder().encode(`? [${secret}]\n: 1\n`), { example: '' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
