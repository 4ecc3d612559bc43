// Public types of the emulator's control API.
import type { FaultOptions, ServerErrorOptions } from './faults.ts';
import type { ServiceName } from './http/service.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import type { RequestLogEntry } from './request-log.ts';
import type { TransformRun } from './cloudformation/transforms.ts';
import type { TriggerOptions } from './triggers.ts';
import type { IamQuotas } from './iam/quotas.ts';

export type {
  FaultOptions,
  ServerErrorOptions,
  RequestLogEntry,
  RateLimitOptions,
  TransformRun,
  TriggerOptions,
  IamQuotas,
};

export interface AwsEmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Region used when a request's credential scope has none (default us-east-1). */
  region?: string;
  /** Account owning the static master key (default 123456789012). */
  masterAccountId?: string;
  /** Static master key pair (defaults AKIDMASTEREXAMPLE / master-secret). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Enforce role trust policies in AssumeRole / AssumeRoleWithWebIdentity (default false). */
  checkTrust?: boolean;
  /** Make temporary credentials expire after this many seconds, whatever DurationSeconds asked. */
  temporaryCredentialsTtlSeconds?: number;
  /**
   * IAM's eventual consistency: for this long after CreateGroup, other calls naming the new
   * group get NoSuchEntity (default 0: visible at once).
   */
  iamConsistencyWindowMs?: number;
  /** Delay of each stack operation phase (default 50 ms). */
  stackOperationDelayMs?: number;
  /** Time a change set takes from CREATE_PENDING to its final status (default 20 ms). */
  changeSetDelayMs?: number;
  /** Seed of the random generators for ids and fault injection (default 1). */
  seed?: number;
}

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type PolicyDocumentInput = string | Record<string, unknown>;

export interface SeedUser {
  name: string;
  path?: string;
}

export interface SeedGroup {
  name: string;
  path?: string;
  /** User names; missing users are created. */
  members?: string[];
  /** Inline policies by name. */
  policies?: Record<string, PolicyDocumentInput>;
  managedPolicyArns?: string[];
}

export interface SeedRole {
  name: string;
  path?: string;
  /** Defaults to trusting the master account root and GitHub's OIDC provider. */
  trustPolicy?: PolicyDocumentInput;
  policies?: Record<string, PolicyDocumentInput>;
  managedPolicyArns?: string[];
  maxSessionDuration?: number;
  description?: string;
}

export interface SeedManagedPolicy {
  name: string;
  path?: string;
  document: PolicyDocumentInput;
  description?: string;
}

export interface SeedAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** Key of this IAM user (created if missing); the account root when omitted. */
  userName?: string;
}

/** A virtual MFA device of an IAM user; its codes are `totp(secret, time)`. */
export interface SeedMfaDevice {
  /** Created if missing. */
  userName: string;
  secret: string;
  /** Defaults to `arn:aws:iam::<account>:mfa/<userName>`, as for a virtual device named after its user. */
  serialNumber?: string;
}

export interface SeedStack {
  name: string;
  templateBody: string;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
  region?: string;
}

export interface SeedAccount {
  users?: (string | SeedUser)[];
  managedPolicies?: SeedManagedPolicy[];
  groups?: SeedGroup[];
  roles?: SeedRole[];
  accessKeys?: SeedAccessKey[];
  mfaDevices?: SeedMfaDevice[];
  stacks?: SeedStack[];
  /** CloudFormation macros (transform names) registered in the emulator's region. */
  macros?: string[];
}

export interface SeedScenario {
  accounts: Record<string, SeedAccount>;
}

export interface CreateStackOptions extends SeedStack {
  account?: string;
}

export interface UserSnapshot {
  name: string;
  path: string;
  arn: string;
  id: string;
  groups: string[];
}

export interface GroupSnapshot {
  name: string;
  path: string;
  arn: string;
  id: string;
  members: string[];
  /** Inline policies, parsed from JSON. */
  policies: Record<string, unknown>;
  managedPolicyArns: string[];
}

export interface RoleSnapshot {
  name: string;
  path: string;
  arn: string;
  id: string;
  trustPolicy: unknown;
  policies: Record<string, unknown>;
  managedPolicyArns: string[];
  maxSessionDuration: number;
  description: string | undefined;
}

export interface ManagedPolicySnapshot {
  name: string;
  path: string;
  arn: string;
  id: string;
  document: unknown;
  versionId: string;
  attachmentCount: number;
}

export interface IamSnapshot {
  account: string;
  users: UserSnapshot[];
  groups: GroupSnapshot[];
  roles: RoleSnapshot[];
  managedPolicies: ManagedPolicySnapshot[];
}

export interface StackSnapshot {
  name: string;
  id: string;
  account: string;
  region: string;
  status: string;
  statusReason: string | undefined;
  creationTime: Date;
  lastUpdatedTime: Date | undefined;
  deletionTime: Date | undefined;
  templateBody: string | undefined;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  tags: Record<string, string>;
  capabilities: string[];
  resources: { logicalId: string; type: string; physicalId: string; status: string }[];
  changeSets: {
    name: string;
    id: string;
    type: string;
    status: string;
    executionStatus: string;
    statusReason: string | undefined;
  }[];
  /** Oldest first. */
  events: { logicalId: string; type: string; status: string; reason: string | undefined; timestamp: Date }[];
}

export interface ResourceFailureOptions {
  /** Defaults to the master account. */
  account?: string;
  logicalId: string;
  /** Failure reason shown in the stack event (default: a generic handler error). */
  reason?: string;
  /** Resource operation to fail; any when omitted. */
  operation?: 'create' | 'update' | 'delete';
  stackName?: string;
  /** Number of times the failure fires (default: until cleared). */
  times?: number;
}

export interface StacksQuery {
  /** Include DELETE_COMPLETE stacks (default false). */
  includeDeleted?: boolean;
}

export interface AwsEmulator {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly masterAccountId: string;
  readonly masterCredentials: EmulatorCredentials;
  close(): Promise<void>;
  /** Back to the initial state: only the master account and keys, no faults, empty log. */
  reset(): void;
  seed(scenario: SeedScenario): void;
  addAccount(accountId: string): void;
  /** Registers a static key pair for an account (generated when not given). */
  addAccessKey(account: string, key?: Partial<SeedAccessKey>): EmulatorCredentials;
  /** Creates a stack synchronously, bypassing the API (all capabilities granted). */
  createStack(options: CreateStackOptions): StackSnapshot;
  iamState(account?: string): IamSnapshot;
  /** Stacks of an account across regions. */
  stacks(account?: string, query?: StacksQuery): StackSnapshot[];
  stack(name: string, account?: string, region?: string): StackSnapshot | undefined;
  requestLog(): RequestLogEntry[];
  clearRequestLog(): void;
  /**
   * Delay before handling an operation: an operation name, `<service>:*` (e.g. `iam:*`) or `*`
   * for all; the most specific value wins.
   */
  setLatency(operation: string, ms: number): void;
  /**
   * A write rate limit on a service's mutating calls, as IAM has: a token bucket; a write
   * finding it empty is answered with `Throttling`. Undefined lifts it.
   */
  setWriteRateLimit(service: ServiceName, options: RateLimitOptions | undefined): void;
  /** Changes the window of `iamConsistencyWindowMs` for groups created from now on. */
  setIamConsistencyWindow(ms: number): void;
  /**
   * Runs `action` when the `call`-th call (default the first) of `operation` arrives, just before
   * it is handled: a hand change or an expiry at a chosen point of a run. Cleared by clearFaults.
   */
  whenCalled(operation: string, action: () => void, options?: TriggerOptions): void;
  setStackOperationDelay(ms: number): void;
  setChangeSetDelay(ms: number): void;
  setThrottling(rate: number, options?: FaultOptions): void;
  setServerErrors(rate: number, options?: ServerErrorOptions): void;
  setDroppedConnections(rate: number, options?: FaultOptions): void;
  clearFaults(): void;
  /** Reseeds the fault-injection random generator. */
  setSeed(seed: number): void;
  failResource(options: ResourceFailureOptions): void;
  clearResourceFailures(): void;
  /** From now on, temporary credentials expire after this many seconds (undefined: as DurationSeconds asks). */
  setTemporaryCredentialsTtl(seconds: number | undefined): void;
  /** Expires one (or every) temporary credential now: next calls get ExpiredToken. */
  expireTemporaryCredentials(accessKeyId?: string): void;
  /**
   * Changes an account's IAM quotas (GetAccountSummary answers them; CreateGroup, AddUserToGroup,
   * PutGroupPolicy, CreateRole and role updates enforce them with LimitExceeded). Every account
   * starts with AWS's defaults; `reset()` restores them. Defaults to the master account.
   */
  setIamQuotas(quotas: Partial<IamQuotas>, account?: string): void;
  /** Page size of a CloudFormation list operation (DescribeStackEvents, DescribeChangeSet, ...). */
  setPageSize(operation: string, size: number): void;
  /** Resolves when no change set or stack operation is still progressing. */
  idle(): Promise<void>;
  /** Unexpected exceptions inside the emulator (should stay empty). */
  internalErrors(): unknown[];
  /** Every transform (macro, AWS::Include, ...) run while change sets were created, in every account. */
  transformRuns(): TransformRun[];
}
