// AWS errors as one line of text: `<ErrorName>: <message>`, the form every failure is reported in.

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
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  if (typeof e?.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e?.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  return (e?.$metadata?.httpStatusCode ?? 0) >= 500;
};
