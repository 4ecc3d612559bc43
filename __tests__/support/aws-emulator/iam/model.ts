// In-memory IAM entities of one account. Maps are keyed by lower-cased name because IAM names
// are unique case-insensitively.
import { AWS_DEFAULT_QUOTAS, type IamQuotas } from './quotas.ts';

export interface IamUser {
  name: string;
  path: string;
  id: string;
  arn: string;
  createDate: Date;
  attachedPolicyArns: string[];
}

export interface IamGroup {
  name: string;
  path: string;
  id: string;
  arn: string;
  createDate: Date;
  /** Lower-cased user keys, in insertion order. */
  members: Set<string>;
  /** Inline policies: name -> JSON document as submitted. */
  policies: Map<string, string>;
  attachedPolicyArns: string[];
  /** Epoch ms from which other calls find the group (IAM's consistency window); 0 for at once. */
  visibleAt: number;
}

export interface IamRole {
  name: string;
  path: string;
  id: string;
  arn: string;
  createDate: Date;
  trustPolicy: string;
  description: string | undefined;
  maxSessionDuration: number;
  policies: Map<string, string>;
  attachedPolicyArns: string[];
}

export interface IamManagedPolicy {
  name: string;
  path: string;
  id: string;
  arn: string;
  description: string | undefined;
  document: string;
  createDate: Date;
  updateDate: Date;
  versionId: string;
}

export interface IamState {
  account: string;
  users: Map<string, IamUser>;
  groups: Map<string, IamGroup>;
  roles: Map<string, IamRole>;
  /** Customer managed policies keyed by ARN. */
  policies: Map<string, IamManagedPolicy>;
  /** This account's quotas (GetAccountSummary), AWS's defaults unless a test set others. */
  quotas: IamQuotas;
}

export function createIamState(account: string): IamState {
  return {
    account,
    users: new Map(),
    groups: new Map(),
    roles: new Map(),
    policies: new Map(),
    quotas: { ...AWS_DEFAULT_QUOTAS },
  };
}

export const nameKey = (name: string): string => name.toLowerCase();

export function iamArn(
  account: string,
  kind: 'user' | 'group' | 'role' | 'policy',
  path: string,
  name: string,
): string {
  return `arn:aws:iam::${account}:${kind}${path}${name}`;
}

/** Members of a group sorted the way IAM lists them (by name). */
export function byName<T extends { name: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
