// AWS errors as one line of text: `<ErrorName>: <message>`, the form every failure is reported in.

export const errorText = (error: unknown): string => {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  const e = error as { name?: unknown; message?: unknown } | null;
  return typeof e?.message === 'string'
    ? `${typeof e.name === 'string' ? e.name : 'Error'}: ${e.message}`
    : String(error);
};
