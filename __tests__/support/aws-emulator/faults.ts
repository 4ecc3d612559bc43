// Fault injection, decided before an operation runs so a faulted request changes nothing.
import { AwsError } from './errors.ts';
import type { OperationCategory, ServiceName } from './http/service.ts';
import { createTokenBucket, type RateLimitOptions, type TokenBucket } from './rate-limit.ts';
import { createRandom, type Random } from './util/random.ts';

export interface FaultOptions {
  /** Only these operations (e.g. 'CreateChangeSet'); all when omitted. */
  operations?: readonly string[];
  /** Only these services; all when omitted. */
  services?: readonly ServiceName[];
  /** Stop after this many injected faults. */
  count?: number;
}

export type ServerErrorCode = 'InternalFailure' | 'ServiceUnavailable';

export interface ServerErrorOptions extends FaultOptions {
  code?: ServerErrorCode;
}

interface RateRule {
  rate: number;
  options: FaultOptions;
  remaining: number;
}

export type FaultKind = 'throttle' | 'server-error' | 'drop' | 'rate-limit';

export type FaultDecision =
  { kind: 'drop' } | { kind: 'throttle' | 'server-error' | 'rate-limit'; error: AwsError } | undefined;

export interface Faults {
  /** `operation` is an operation name, `<service>:*` for every operation of a service, or `*`. */
  setLatency(operation: string, ms: number): void;
  latencyFor(operation: string, service?: ServiceName): number;
  /** Limits the rate of a service's mutating calls; undefined lifts the limit. */
  setWriteRateLimit(service: ServiceName, options: RateLimitOptions | undefined): void;
  setThrottling(rate: number, options?: FaultOptions): void;
  setServerErrors(rate: number, options?: ServerErrorOptions): void;
  setDroppedConnections(rate: number, options?: FaultOptions): void;
  setSeed(seed: number): void;
  clear(): void;
  decide(service: ServiceName, operation: string, category?: OperationCategory): FaultDecision;
}

function checkRate(rate: number): void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate must be within 0..1, got ${rate}`);
}

const makeRule = (rate: number, options: FaultOptions = {}): RateRule | undefined => {
  checkRate(rate);
  return rate === 0 ? undefined : { rate, options, remaining: options.count ?? Number.POSITIVE_INFINITY };
};

/** AWS's throttling answer: code `Throttling` (in the SDK's throttling list), HTTP 400. */
const throttlingError = (): AwsError => new AwsError('Throttling', 'Rate exceeded', 400);

const serverError = (code: ServerErrorCode): AwsError =>
  code === 'ServiceUnavailable'
    ? new AwsError(
        'ServiceUnavailable',
        'The request has failed due to a temporary failure of the server.',
        503,
      )
    : new AwsError(
        'InternalFailure',
        'The request processing has failed because of an unknown error, exception or failure.',
        500,
      );

export function createFaults(seed: number): Faults {
  let rng: Random = createRandom(seed);
  const latency = new Map<string, number>();
  let throttle: RateRule | undefined;
  let failure: RateRule | undefined;
  let failureCode: ServerErrorCode = 'InternalFailure';
  let drop: RateRule | undefined;
  const writeLimits = new Map<ServiceName, TokenBucket>();

  const fires = (rule: RateRule | undefined, service: ServiceName, operation: string): boolean => {
    if (!rule || rule.remaining <= 0) return false;
    const { operations, services } = rule.options;
    if (operations && !operations.includes(operation)) return false;
    if (services && !services.includes(service)) return false;
    if (rng.next() >= rule.rate) return false;
    rule.remaining -= 1;
    return true;
  };

  return {
    setLatency(operation, ms) {
      if (ms <= 0) latency.delete(operation);
      else latency.set(operation, ms);
    },
    latencyFor: (operation, service) =>
      latency.get(operation) ??
      (service === undefined ? undefined : latency.get(`${service}:*`)) ??
      latency.get('*') ??
      0,
    setWriteRateLimit(service, options) {
      if (options === undefined) writeLimits.delete(service);
      else writeLimits.set(service, createTokenBucket(options, Date.now()));
    },
    setThrottling(rate, options) {
      throttle = makeRule(rate, options);
    },
    setServerErrors(rate, options) {
      failure = makeRule(rate, options);
      failureCode = options?.code ?? 'InternalFailure';
    },
    setDroppedConnections(rate, options) {
      drop = makeRule(rate, options);
    },
    setSeed(value) {
      rng = createRandom(value);
    },
    clear() {
      latency.clear();
      writeLimits.clear();
      throttle = failure = drop = undefined;
    },
    decide(service, operation, category) {
      if (fires(drop, service, operation)) return { kind: 'drop' };
      const bucket = category === 'mutating' ? writeLimits.get(service) : undefined;
      if (bucket && !bucket.take(Date.now())) return { kind: 'rate-limit', error: throttlingError() };
      if (fires(throttle, service, operation)) return { kind: 'throttle', error: throttlingError() };
      if (fires(failure, service, operation))
        return { kind: 'server-error', error: serverError(failureCode) };
      return undefined;
    },
  };
}
