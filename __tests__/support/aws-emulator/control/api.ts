// The in-process control API returned by startAwsEmulator.
import { findStack } from '../cloudformation/stack-store.ts';
import { AwsError } from '../errors.ts';
import type { Faults } from '../faults.ts';
import type { RunningServer } from '../http/server.ts';
import type { RequestLog } from '../request-log.ts';
import type { Triggers } from '../triggers.ts';
import type { AwsEmulator, EmulatorCredentials } from '../types.ts';
import { accessKeyId, secretAccessKey } from '../util/ids.ts';
import { createWorld, type World, type WorldSettings } from '../world.ts';
import { seedScenario, seedStack } from './seed.ts';
import { iamSnapshot, stackSnapshot } from './snapshots.ts';

export interface ControlDeps {
  server: RunningServer;
  settings: WorldSettings;
  faults: Faults;
  log: RequestLog;
  triggers: Triggers;
  internalErrors: unknown[];
  getWorld(): World;
  setWorld(world: World): void;
}

const DEFAULT_FAILURE_REASON =
  'Resource handler returned message: "Injected failure" (HandlerErrorCode: GeneralServiceException)';

export function createControlApi(deps: ControlDeps): AwsEmulator {
  const world = (): World => deps.getWorld();
  const master = deps.settings.masterAccountId;
  const initialTtl = deps.settings.temporaryCredentialsTtlSeconds;
  const masterCredentials: EmulatorCredentials = {
    accessKeyId: deps.settings.masterAccessKeyId,
    secretAccessKey: deps.settings.masterSecretAccessKey,
  };
  return {
    url: deps.server.url,
    port: deps.server.port,
    region: deps.settings.region,
    masterAccountId: master,
    masterCredentials,
    async close() {
      world().scheduler.cancelAll();
      await deps.server.close();
    },
    reset() {
      world().scheduler.cancelAll();
      deps.settings.temporaryCredentialsTtlSeconds = initialTtl;
      deps.setWorld(createWorld(deps.settings));
      deps.faults.clear();
      deps.faults.setSeed(deps.settings.seed);
      deps.triggers.clear();
      deps.log.clear();
      deps.internalErrors.length = 0;
    },
    seed: (scenario) => seedScenario(world(), scenario),
    addAccount(accountId) {
      world().account(accountId);
    },
    addAccessKey(account, key = {}) {
      const w = world();
      const credentials = {
        accessKeyId: key.accessKeyId ?? accessKeyId(w.rng, 'AKIA'),
        secretAccessKey: key.secretAccessKey ?? secretAccessKey(w.rng),
      };
      seedScenario(w, {
        accounts: { [account]: { accessKeys: [{ ...credentials, userName: key.userName }] } },
      });
      return credentials;
    },
    createStack(options) {
      const w = world();
      try {
        return stackSnapshot(w, seedStack(w, options));
      } catch (error) {
        if (error instanceof AwsError)
          throw new Error(`createStack(${options.name}): ${error.code}: ${error.message}`, { cause: error });
        throw error;
      }
    },
    iamState: (account = master) => iamSnapshot(world().account(account).iam),
    stacks(account = master, query = {}) {
      const w = world();
      const regions = [...w.account(account).cfn.values()];
      return regions
        .flatMap((r) => r.stacks)
        .filter((s) => query.includeDeleted === true || s.status !== 'DELETE_COMPLETE')
        .map((s) => stackSnapshot(w, s));
    },
    stack(name, account = master, region = deps.settings.region) {
      const w = world();
      const stack = findStack(w.cfn(account, region), name);
      return stack ? stackSnapshot(w, stack) : undefined;
    },
    requestLog: () => deps.log.entries(),
    clearRequestLog: () => deps.log.clear(),
    setLatency: (operation, ms) => deps.faults.setLatency(operation, ms),
    setWriteRateLimit: (service, options) => deps.faults.setWriteRateLimit(service, options),
    setIamConsistencyWindow(ms) {
      world().iamEnv.consistencyWindowMs = ms;
    },
    whenCalled: (operation, action, options) => deps.triggers.add(operation, action, options),
    setStackOperationDelay(ms) {
      world().timing.stackOperationDelayMs = ms;
    },
    setChangeSetDelay(ms) {
      world().timing.changeSetDelayMs = ms;
    },
    setThrottling: (rate, options) => deps.faults.setThrottling(rate, options),
    setServerErrors: (rate, options) => deps.faults.setServerErrors(rate, options),
    setDroppedConnections: (rate, options) => deps.faults.setDroppedConnections(rate, options),
    clearFaults: () => {
      deps.faults.clear();
      deps.triggers.clear();
    },
    setSeed: (seed) => deps.faults.setSeed(seed),
    failResource(options) {
      world().cfnEnv.failures.add({
        account: options.account ?? master,
        logicalId: options.logicalId,
        reason: options.reason ?? DEFAULT_FAILURE_REASON,
        operation: options.operation,
        stackName: options.stackName,
        remaining: options.times ?? Number.POSITIVE_INFINITY,
      });
    },
    clearResourceFailures: () => world().cfnEnv.failures.clear(),
    setTemporaryCredentialsTtl(seconds) {
      deps.settings.temporaryCredentialsTtlSeconds = seconds;
    },
    expireTemporaryCredentials: (id) => world().credentials.expireSessions(id),
    setIamQuotas(quotas, account = master) {
      Object.assign(world().account(account).iam.quotas, quotas);
    },
    setPageSize(operation, size) {
      world().pageSizes.set(operation, size);
    },
    idle: () => world().scheduler.idle(),
    internalErrors: () => [...deps.internalErrors, ...world().backgroundErrors],
    transformRuns: () =>
      [...world().accounts.values()].flatMap((a) => [...a.cfn.values()].flatMap((r) => [...r.transformRuns])),
  };
}
