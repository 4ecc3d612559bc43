// Assumed-role credentials kept between runs: one file per role and source profile, mode
// 0600 in a 0700 folder under the user's cache directory, replaced atomically. A file that is
// unreadable, of another shape or another role is treated as absent, never trusted.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemporaryCredentials } from '../aws/assume-role.ts';
import type { CliContext } from './context.ts';

export interface CachedCredentials {
  readonly roleArn: string;
  readonly sessionName: string;
  readonly credentials: TemporaryCredentials;
}

/** $XDG_CACHE_HOME (or ~/.cache), ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
export const cacheDirectory = (ctx: CliContext): string => {
  if (ctx.platform === 'win32')
    return join(ctx.env['LOCALAPPDATA'] || join(ctx.home, 'AppData', 'Local'), 'rolemodel', 'credentials');
  if (ctx.platform === 'darwin') return join(ctx.home, 'Library', 'Caches', 'rolemodel', 'credentials');
  return join(ctx.env['XDG_CACHE_HOME'] || join(ctx.home, '.cache'), 'rolemodel', 'credentials');
};

/** `prod.AdminRole--1a2b3c4d5e6f7a8b.json`: readable, and distinct per source profile. */
export const cacheFile = (ctx: CliContext, source: string, target: string): string => {
  const digest = createHash('sha256').update(`${source}\n${target}`).digest('hex').slice(0, 16);
  return join(cacheDirectory(ctx), `${target.replace(/[^\w.+=,@-]/g, '_').slice(0, 100)}--${digest}.json`);
};

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

export const readCached = (file: string): CachedCredentials | undefined => {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const c = data['credentials'] as Record<string, unknown> | undefined;
    const expiration = new Date(String(c?.['expiration']));
    if (
      data['version'] !== 1 ||
      !isText(data['roleArn']) ||
      !isText(data['sessionName']) ||
      !isText(c?.['accessKeyId']) ||
      !isText(c['secretAccessKey']) ||
      !isText(c['sessionToken']) ||
      Number.isNaN(expiration.getTime())
    )
      return undefined;
    return {
      roleArn: data['roleArn'],
      sessionName: data['sessionName'],
      credentials: {
        accessKeyId: c['accessKeyId'],
        secretAccessKey: c['secretAccessKey'],
        sessionToken: c['sessionToken'],
        expiration,
      },
    };
  } catch {
    return undefined;
  }
};

export const writeCached = (ctx: CliContext, file: string, entry: CachedCredentials): void => {
  const dir = cacheDirectory(ctx);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, ...entry }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
};
