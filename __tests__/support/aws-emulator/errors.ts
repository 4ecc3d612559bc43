// AWS Query-protocol errors: the wire code and HTTP status decide which SDK exception class is thrown.
export class AwsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
  }

  /** AWS marks 5xx errors as the server's fault. */
  get type(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

export const validationError = (message: string): AwsError => new AwsError('ValidationError', message, 400);

/** The message AWS uses when a required member is absent. */
export const missingParameter = (member: string): AwsError =>
  validationError(
    `1 validation error detected: Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
  );

export const constraintViolation = (member: string, value: string, constraint: string): AwsError =>
  validationError(
    `1 validation error detected: Value '${value}' at '${lowerFirst(member)}' failed to satisfy constraint: ${constraint}`,
  );

export const invalidAction = (action: string, version: string): AwsError =>
  new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400);

export const invalidClientTokenId = (): AwsError =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);

export const expiredToken = (): AwsError =>
  new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);

export const missingAuthenticationToken = (): AwsError =>
  new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);

export const accessDenied = (message: string): AwsError => new AwsError('AccessDenied', message, 403);

export function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}
