import { randomString, type Random } from './random.ts';

// Alphabets observed in real AWS identifiers.
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HEX = '0123456789abcdef';

export type IamIdPrefix = 'AGPA' | 'AIDA' | 'AROA' | 'ANPA';

/** IAM unique ids are 21 chars: a 4-letter type prefix plus 17 base32-ish chars. */
export function iamUniqueId(rng: Random, prefix: IamIdPrefix): string {
  return prefix + randomString(rng, BASE32, 17);
}

export function accessKeyId(rng: Random, prefix: 'AKIA' | 'ASIA'): string {
  return prefix + randomString(rng, BASE32, 16);
}

export function secretAccessKey(rng: Random): string {
  return randomString(rng, BASE64, 40);
}

export function sessionToken(rng: Random): string {
  return 'IQoJb3JpZ2luX2VjE' + randomString(rng, BASE64, 280);
}

export function uuid(rng: Random): string {
  const h = (n: number): string => randomString(rng, HEX, n);
  const variant = '89ab'.charAt(rng.int(4));
  return `${h(8)}-${h(4)}-4${h(3)}-${variant}${h(3)}-${h(12)}`;
}

/** Suffix CloudFormation appends to generated physical names. */
export function physicalNameSuffix(rng: Random): string {
  return randomString(rng, UPPER_ALNUM, 12);
}
