// Durations as people write them on a command line: 3600, 90s, 15m, 1h, 1h30m.
import { UsageError } from './args.ts';
import type { Command } from './args.ts';

const UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/** Seconds; a usage error naming the option when the text is not a duration. */
export const parseDuration = (text: string, option: string, command: Command): number => {
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(text.trim());
  if (text.trim() === '' || !parts)
    throw new UsageError(`--${option} is "${text}"; write a duration such as 3600, 90s, 15m or 1h.`, command);
  const [, h = '0', m = '0', s = '0'] = parts;
  return Number(h) * (UNIT['h'] ?? 0) + Number(m) * (UNIT['m'] ?? 0) + Number(s);
};
