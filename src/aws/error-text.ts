// AWS errors as one line of text: `<ErrorName>: <message>`, the form every failure is reported
// in; and the one way to ask an error its name (the SDK's errors carry the AWS error code there).

/** The error's `name`, whatever was thrown. */
export const errorName = (error: unknown): string | undefined => {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
};

/** The error is one of these AWS errors. */
export const hasErrorName = (error: unknown, ...names: readonly string[]): boolean => {
  const name = errorName(error);
  return name !== undefined && names.includes(name);
};

export const errorText = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  const e = error as { name?: unknown; message?: unknown } | null;
  return typeof e?.message === 'string'
    ? `${typeof e.name === 'string' ? e.name : 'Error'}: ${e.message}`
    : String(error);
};

const TRANSIENT_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/** Throttling, a 5xx or a broken connection: worth a rerun, not a change to any policy. */
export const isTransientAwsError = (error: unknown): boolean => {
  const e = error as { code?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  if (hasErrorName(error, ...TRANSIENT_NAMES)) return true;
  if (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return (e?.$metadata?.httpStatusCode ?? 0) >= 500;
};
