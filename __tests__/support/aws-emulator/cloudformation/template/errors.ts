import { validationError, type AwsError } from '../../errors.ts';

export const formatError = (detail: string): AwsError => validationError(`Template format error: ${detail}`);
export const templateError = (detail: string): AwsError => validationError(`Template error: ${detail}`);
