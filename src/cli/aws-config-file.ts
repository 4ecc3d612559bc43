// The person's AWS config file (AWS_CONFIG_FILE, else ~/.aws/config): a setting of a profile
// read from it, and the whole file written back atomically with its mode kept (0600 when new).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliContext } from './context.ts';
import { CliError } from './context.ts';

export const awsConfigPath = (ctx: CliContext): string =>
  ctx.env['AWS_CONFIG_FILE'] || join(ctx.home, '.aws', 'config');

export const readAwsConfig = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new CliError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
};

/** `key` of `[default]` or `[profile NAME]` in the config file's text. */
export const profileSetting = (text: string, profile: string, key: string): string | undefined => {
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*(.+?)\s*\]$/.exec(line)?.[1];
    if (section !== undefined) {
      const name = section.replace(/^profile\s+/, '');
      inside = name === profile && (section.startsWith('profile ') || profile === 'default');
      continue;
    }
    if (!inside) continue;
    const setting = /^([^=#;]+?)\s*=\s*(.*)$/.exec(line);
    if (setting?.[1] === key) return setting[2]?.trim();
  }
  return undefined;
};

export const writeAwsConfig = (path: string, text: string): void => {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o600;
  const temporary = `${path}.rolemodel-${process.pid}`;
  try {
    writeFileSync(temporary, text, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (e) {
    throw new CliError(`${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
};
