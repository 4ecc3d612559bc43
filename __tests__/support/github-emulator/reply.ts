// Responses as data, with GitHub's error bodies (message, documentation_url, status).

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const DOCS = 'https://docs.github.com/rest';

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const errorReply = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { message, ...extra, documentation_url: DOCS, status: String(status) },
});

export const notFound = (): Reply => errorReply(404, 'Not Found');

export const forbiddenForIntegration = (): Reply => errorReply(403, 'Resource not accessible by integration');

export const validationFailed = (resource: string, field: string, code: string, message: string): Reply =>
  errorReply(422, 'Validation Failed', { errors: [{ resource, code, field, message }] });
