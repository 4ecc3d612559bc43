import type { AwsError } from '../errors.ts';

export interface Page<T> {
  items: T[];
  /** Opaque token for the next page, absent on the last page. */
  next: string | undefined;
}

const encode = (key: string): string => Buffer.from(key, 'utf8').toString('base64');
const decode = (token: string): string => Buffer.from(token, 'base64').toString('utf8');

/**
 * Pages through `items` using the key of the first item of the next page as the (opaque) token,
 * so a token stays meaningful when earlier items are inserted or removed between calls.
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  token: string | undefined,
  pageSize: number,
  invalidToken: () => AwsError,
): Page<T> {
  let start = 0;
  if (token !== undefined && token !== '') {
    const key = decode(token);
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) throw invalidToken();
  }
  const size = Math.max(1, pageSize);
  const page = items.slice(start, start + size);
  const following = items[start + size];
  return { items: page, next: following === undefined ? undefined : encode(keyOf(following)) };
}
