import { constraintViolation, validationError } from '../errors.ts';
import type { QueryParams } from '../protocol/query-params.ts';
import { paginate } from '../util/pagination.ts';

export interface IamPage<T> {
  items: T[];
  fields: { IsTruncated: boolean; Marker: string | undefined };
}

/** IAM's Marker/MaxItems paging (MaxItems 1..1000, default 100). */
export function iamPage<T>(params: QueryParams, items: readonly T[], keyOf: (item: T) => string): IamPage<T> {
  const maxItems = params.int('MaxItems') ?? 100;
  if (maxItems < 1 || maxItems > 1000) {
    throw constraintViolation(
      'maxItems',
      String(maxItems),
      maxItems < 1
        ? 'Member must have value greater than or equal to 1'
        : 'Member must have value less than or equal to 1000',
    );
  }
  const page = paginate(items, keyOf, params.string('Marker'), maxItems, () =>
    validationError('Invalid Marker.'),
  );
  return { items: page.items, fields: { IsTruncated: page.next !== undefined, Marker: page.next } };
}
