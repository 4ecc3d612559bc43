// All mutable emulator state: accounts (IAM + per-region CloudFormation), credentials, timing.
import type { CfnEnv, CfnTiming } from './cloudformation/env.ts';
import { createFailureRegistry } from './cloudformation/failures.ts';
import { createCfnRegionState, type CfnRegionState } from './cloudformation/model.ts';
import { createCredentialStore, type CredentialStore } from './credentials.ts';
import { createIamState, type IamState } from './iam/model.ts';
import type { IamEnv } from './iam/store.ts';
import { createRandom, type Random } from './util/random.ts';
import { createScheduler, type Scheduler } from './util/scheduler.ts';

export interface AccountState {
  id: string;
  iam: IamState;
  cfn: Map<string, CfnRegionState>;
}

export interface WorldSettings {
  region: string;
  seed: number;
  masterAccountId: string;
  masterAccessKeyId: string;
  masterSecretAccessKey: string;
  checkTrust: boolean;
  temporaryCredentialsTtlSeconds: number | undefined;
  /** How long a new IAM group stays invisible to other calls (IAM is eventually consistent). */
  iamConsistencyWindowMs: number;
  timing: CfnTiming;
}

export interface World {
  settings: WorldSettings;
  rng: Random;
  credentials: CredentialStore;
  accounts: Map<string, AccountState>;
  scheduler: Scheduler;
  timing: CfnTiming;
  pageSizes: Map<string, number>;
  /** Errors thrown by scheduled tasks, surfaced to tests through the control API. */
  backgroundErrors: unknown[];
  cfnEnv: CfnEnv;
  iamEnv: IamEnv;
  now(): Date;
  account(id: string): AccountState;
  cfn(account: string, region: string): CfnRegionState;
  pageSize(operation: string, fallback: number): number;
}

export function createWorld(settings: WorldSettings): World {
  const rng = createRandom(settings.seed);
  const accounts = new Map<string, AccountState>();
  const backgroundErrors: unknown[] = [];
  const scheduler = createScheduler((error) => backgroundErrors.push(error));
  const timing = { ...settings.timing };
  const now = (): Date => new Date();
  const account = (id: string): AccountState => {
    let state = accounts.get(id);
    if (!state) {
      state = { id, iam: createIamState(id), cfn: new Map() };
      accounts.set(id, state);
    }
    return state;
  };
  const cfn = (accountId: string, region: string): CfnRegionState => {
    const state = account(accountId);
    let regional = state.cfn.get(region);
    if (!regional) {
      regional = createCfnRegionState(accountId, region);
      state.cfn.set(region, regional);
    }
    return regional;
  };
  const credentials = createCredentialStore(rng);
  credentials.addStaticKey({
    accessKeyId: settings.masterAccessKeyId,
    secretAccessKey: settings.masterSecretAccessKey,
    account: settings.masterAccountId,
  });
  account(settings.masterAccountId);
  const pageSizes = new Map<string, number>();
  return {
    settings,
    rng,
    credentials,
    accounts,
    scheduler,
    timing,
    pageSizes,
    backgroundErrors,
    cfnEnv: {
      rng,
      now,
      scheduler,
      timing,
      failures: createFailureRegistry(),
      iam: (id) => account(id).iam,
      region: cfn,
    },
    iamEnv: { rng, now, consistencyWindowMs: settings.iamConsistencyWindowMs },
    now,
    account,
    cfn,
    pageSize: (operation, fallback) => pageSizes.get(operation) ?? fallback,
  };
}
