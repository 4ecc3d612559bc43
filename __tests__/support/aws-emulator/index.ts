// Local AWS emulator (STS, IAM, CloudFormation over the AWS Query protocol) for tests.
// Test tree only: never bundled into the action.
import { createControlApi } from './control/api.ts';
import { createFaults } from './faults.ts';
import { startServer } from './http/server.ts';
import { createRequestLog } from './request-log.ts';
import { createTriggers } from './triggers.ts';
import type { AwsEmulator, AwsEmulatorOptions } from './types.ts';
import { createWorld, type WorldSettings } from './world.ts';

export type * from './types.ts';
export { NO_CHANGES_REASON } from './cloudformation/change-sets.ts';
export { totp } from './util/totp.ts';
export { AWS_DEFAULT_QUOTAS } from './iam/quotas.ts';

function settingsFrom(options: AwsEmulatorOptions): WorldSettings {
  return {
    region: options.region ?? 'us-east-1',
    seed: options.seed ?? 1,
    masterAccountId: options.masterAccountId ?? '123456789012',
    masterAccessKeyId: options.accessKeyId ?? 'AKIDMASTEREXAMPLE',
    masterSecretAccessKey: options.secretAccessKey ?? 'master-secret',
    checkTrust: options.checkTrust ?? false,
    temporaryCredentialsTtlSeconds: options.temporaryCredentialsTtlSeconds,
    iamConsistencyWindowMs: options.iamConsistencyWindowMs ?? 0,
    timing: {
      stackOperationDelayMs: options.stackOperationDelayMs ?? 50,
      changeSetDelayMs: options.changeSetDelayMs ?? 20,
    },
  };
}

export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const settings = settingsFrom(options);
  let world = createWorld(settings);
  const faults = createFaults(settings.seed);
  const log = createRequestLog();
  const triggers = createTriggers();
  const internalErrors: unknown[] = [];
  const server = await startServer(
    { world: () => world, faults, log, triggers, internalErrors },
    options.port ?? 0,
  );
  return createControlApi({
    server,
    settings,
    faults,
    log,
    triggers,
    internalErrors,
    getWorld: () => world,
    setWorld: (next) => {
      world = next;
    },
  });
}
