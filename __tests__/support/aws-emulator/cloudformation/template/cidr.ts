import { templateError } from './errors.ts';

const toInt = (ip: string): number => ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
const toIp = (value: number): string =>
  [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');

/** Fn::Cidr for IPv4: `count` consecutive subnets with `bits` host bits each. */
export function cidrSubnets(block: string, count: number, bits: number): string[] {
  const match = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(block);
  if (!match?.[1] || !match[2] || !Number.isInteger(count) || !Number.isInteger(bits)) {
    throw templateError(`Fn::Cidr: invalid ip block ${block}`);
  }
  const prefix = 32 - bits;
  if (prefix < Number(match[2]) || count < 1 || count > 256)
    throw templateError('Fn::Cidr: invalid subnet size');
  const base = toInt(match[1]);
  return Array.from({ length: count }, (_, i) => `${toIp(base + i * 2 ** bits)}/${prefix}`);
}
