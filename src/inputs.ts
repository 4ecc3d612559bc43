// The action's inputs, read once and checked, with errors that name the input. Pure given
// the reader (the toolkit's `core.getInput` in the action).
import type { CredentialSource } from './aws/credentials.ts';
import { REGION } from './core/names.ts';
import { COMMANDS } from './core/report/types.ts';
import type { CommandInput } from './github/event.ts';

/** An input's value as the runner gives it (`INPUT_<NAME>`), '' when unset. */
export type InputReader = (name: string) => string;

export interface Inputs {
  readonly command: CommandInput;
  readonly config: string;
  readonly githubToken: string;
  readonly awsRegion: string | undefined;
  readonly credentials: CredentialSource;
  readonly confirm: string;
  readonly maxConcurrency: number;
  /** How many IAM calls the master account's steps make at once (apply, delete). */
  readonly iamConcurrency: number;
  readonly comment: boolean;
  /** What apply does with a widening of access no reviewed plan showed. */
  readonly unreviewed: 'refuse' | 'warn';
  /** `expire` also removes members added by hand (drift), not only grants that ended. */
  readonly repairDrift: boolean;
  /** `expire` lists grants that end within this many days. */
  readonly expiringWithin: number;
}

export type InputsResult =
  { readonly ok: true; readonly inputs: Inputs } | { readonly ok: false; readonly errors: readonly string[] };

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[], errors: string[]): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push(`Input \`${name}\` is "${value}"; write one of: ${allowed.join(', ')}.`);
  return allowed[0] as T;
};

export const readInputs = (input: InputReader): InputsResult => {
  const errors: string[] = [];
  const get = (name: string, fallback: string): string => input(name) || fallback;
  const command = oneOf<CommandInput>('command', get('command', 'auto'), ['auto', ...COMMANDS], errors);
  const credentials = oneOf<CredentialSource>(
    'credentials',
    get('credentials', 'oidc'),
    ['oidc', 'ambient'],
    errors,
  );
  const concurrencyText = get('max-concurrency', '256');
  const maxConcurrency = Number(concurrencyText);
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 256) {
    errors.push(`Input \`max-concurrency\` is "${concurrencyText}"; write a whole number from 1 to 256.`);
  }
  const iamText = get('iam-concurrency', '8');
  const iamConcurrency = Number(iamText);
  if (!Number.isInteger(iamConcurrency) || iamConcurrency < 1 || iamConcurrency > 64) {
    errors.push(`Input \`iam-concurrency\` is "${iamText}"; write a whole number from 1 to 64.`);
  }
  const flag = (name: string, fallback: 'true' | 'false'): boolean => {
    const text = get(name, fallback).toLowerCase();
    if (!['true', 'false'].includes(text))
      errors.push(`Input \`${name}\` is "${text}"; write true or false.`);
    return text === 'true';
  };
  const comment = flag('comment', 'true');
  const repairDrift = flag('repair-drift', 'false');
  const withinText = get('expiring-within', '7');
  const expiringWithin = Number(withinText);
  if (!/^\d+$/.test(withinText) || expiringWithin > 3660) {
    errors.push(
      `Input \`expiring-within\` is "${withinText}"; write a whole number of days from 0 to 3660 (default 7).`,
    );
  }
  const unreviewed = oneOf<'refuse' | 'warn'>(
    'unreviewed',
    get('unreviewed', 'refuse'),
    ['refuse', 'warn'],
    errors,
  );
  const awsRegion = get('aws-region', '') || undefined;
  if (awsRegion !== undefined && !REGION.test(awsRegion)) {
    errors.push(
      `Input \`aws-region\` is "${awsRegion}", which is not an AWS region name; write e.g. us-east-1.`,
    );
  }
  const githubToken = input('github-token');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    inputs: {
      command,
      config: get('config', 'rolemodel.yml'),
      githubToken,
      awsRegion,
      credentials,
      confirm: input('confirm'),
      maxConcurrency,
      iamConcurrency,
      comment,
      unreviewed,
      repairDrift,
      expiringWithin,
    },
  };
};
