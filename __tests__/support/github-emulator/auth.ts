// Who a request is: GitHub accepts `token X` and `Bearer X` for the same credential.
import type { Principal } from './types.ts';

export interface Credentials {
  readonly writeToken: string;
  readonly readOnlyToken: string;
}

export const bearerValue = (header: string | undefined): string | undefined => {
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
};

export const principalOf = (header: string | undefined, creds: Credentials): Principal => {
  if (!header) return 'none';
  const value = bearerValue(header);
  if (value === creds.writeToken) return 'write';
  if (value === creds.readOnlyToken) return 'read-only';
  return 'bad';
};
