// One request end to end: route, delay, inject faults, authenticate, run the operation, log.
import type { Principal } from '../credentials.ts';
import { AwsError, invalidAction, missingAuthenticationToken } from '../errors.ts';
import type { Faults } from '../faults.ts';
import { parseQueryBody } from '../protocol/query-params.ts';
import { errorXml, successXml } from '../protocol/responses.ts';
import type { RequestLog, RequestLogEntry } from '../request-log.ts';
import type { Triggers } from '../triggers.ts';
import { uuid } from '../util/ids.ts';
import type { World } from '../world.ts';
import { parseAuthorization, type CredentialScope } from './auth-header.ts';
import { routeService } from './routing.ts';
import type { AnonymousContext, Operation, OperationResult } from './service.ts';

export interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Query string of the URL; AWS Query also accepts parameters there. */
  query: string;
}

export type Outcome = { kind: 'respond'; status: number; body: string; requestId: string } | { kind: 'drop' };

export interface PipelineDeps {
  world(): World;
  faults: Faults;
  log: RequestLog;
  triggers: Triggers;
  /** Unexpected exceptions (emulator bugs), kept for tests to assert on. */
  internalErrors: unknown[];
}

const header = (headers: IncomingRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Signature values are not verified: the access key (and session token) identify the caller. */
function authenticate(
  world: World,
  scope: CredentialScope | undefined,
  token: string | undefined,
): Principal | undefined {
  if (!scope) return undefined;
  return world.credentials.authenticate(scope.accessKeyId, token, world.now().getTime());
}

function invoke(
  operation: Operation,
  ctx: AnonymousContext,
  principal: Principal | undefined,
): OperationResult {
  if (operation.auth === 'anonymous') return operation.handle(ctx);
  if (!principal) throw missingAuthenticationToken();
  return operation.handle({ ...ctx, principal });
}

export async function handle(deps: PipelineDeps, request: IncomingRequest): Promise<Outcome> {
  const world = deps.world();
  const requestId = uuid(world.rng);
  const params = parseQueryBody(request.body !== '' ? request.body : request.query);
  const scope = parseAuthorization(header(request.headers, 'authorization'));
  const service = routeService(scope?.service, params.version);
  const operation = service?.operations[params.action];
  const entry: RequestLogEntry = {
    service: service?.name ?? 'unknown',
    operation: params.action,
    account: undefined,
    accessKeyId: scope?.accessKeyId,
    time: Date.now(),
    status: 200,
    mutating: operation?.category === 'mutating',
    changeSet: operation?.category === 'change-set',
    category: operation?.category ?? 'read',
    requestId,
  };
  const respond = (status: number, body: string): Outcome => {
    entry.status = status;
    deps.log.add(entry);
    return { kind: 'respond', status, body, requestId };
  };
  const fail = (error: AwsError): Outcome => {
    entry.errorCode = error.code;
    return respond(error.status, errorXml(error, service?.xmlns, requestId));
  };

  if (!service || !operation) return fail(invalidAction(params.action, params.version));
  const latency = deps.faults.latencyFor(params.action, service.name);
  if (latency > 0) await sleep(latency);
  const fault = deps.faults.decide(service.name, params.action, operation.category);
  if (fault) {
    entry.fault = fault.kind;
    if (fault.kind !== 'drop') return fail(fault.error);
    entry.status = 0;
    deps.log.add(entry);
    return { kind: 'drop' };
  }
  try {
    deps.triggers.fire(params.action);
    const principal = authenticate(world, scope, header(request.headers, 'x-amz-security-token'));
    entry.account = principal?.account;
    const ctx: AnonymousContext = {
      params,
      region: scope?.region ?? world.settings.region,
      requestId,
      world,
    };
    return respond(
      200,
      successXml(params.action, service.xmlns, invoke(operation, ctx, principal), requestId),
    );
  } catch (error) {
    if (error instanceof AwsError) return fail(error);
    deps.internalErrors.push(error);
    const message = error instanceof Error ? error.message : String(error);
    return fail(new AwsError('InternalFailure', `Emulator error: ${message}`, 500));
  }
}
