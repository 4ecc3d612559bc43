// The action's inputs, read once and checked, with errors that name the input.
import * as core from '@actions/core';
import { REGION } from './core/names.ts';
import { COMMANDS } from './github/event.ts';
import type { CommandInput } from './github/event.ts';

export type CredentialSource = 'oidc' | 'ambient';

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
}

export type InputsResult =
  { readonly ok: true; readonly inputs: Inputs } | { readonly ok: false; readonly errors: readonly string[] };

const oneOf = <T extends string>(name: string, value: string, allowed: readonly T[], errors: string[]): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push(`Input \`${name}\` is "${value}"; write one of: ${allowed.join(', ')}.`);
  return allowed[0] as T;
};

export const readInputs = (): InputsResult => {
  const errors: string[] = [];
  const get = (name: string, fallback: string): string => core.getInput(name) || fallback;
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
  const commentText = get('comment', 'true').toLowerCase();
  if (!['true', 'false'].includes(commentText))
    errors.push(`Input \`comment\` is "${commentText}"; write true or false.`);
  const awsRegion = get('aws-region', '') || undefined;
  if (awsRegion !== undefined && !REGION.test(awsRegion)) {
    errors.push(
      `Input \`aws-region\` is "${awsRegion}", which is not an AWS region name; write e.g. us-east-1.`,
    );
  }
  const githubToken = core.getInput('github-token');
  if (githubToken) core.setSecret(githubToken);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    inputs: {
      command,
      config: get('config', 'rolemodel.yml'),
      githubToken,
      awsRegion,
      credentials,
      confirm: core.getInput('confirm'),
      maxConcurrency,
      iamConcurrency,
      comment: commentText === 'true',
    },
  };
};
