// Partition-aware ARNs: the same account layout works in aws, aws-cn and aws-us-gov.
import type { Partition } from './model.ts';
import { ROLE_ARN } from './names.ts';

export const partitionOfRegion = (region: string | undefined): Partition => {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
};

export const roleArn = (partition: Partition, accountId: string, path: string, name: string): string =>
  `arn:${partition}:iam::${accountId}:role${path}${name}`;

export interface ParsedRoleArn {
  readonly partition: Partition;
  readonly accountId: string;
  readonly path: string;
  readonly name: string;
}

export const parseRoleArn = (arn: string): ParsedRoleArn | undefined => {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1] as Partition, accountId: m[2] ?? '', path: `/${m[3] ?? ''}`, name: m[4] ?? '' };
};
