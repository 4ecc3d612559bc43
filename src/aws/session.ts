// The SDK clients of one run: the master account's IAM client and, per assumable account,
// CloudFormation and IAM clients on that account's chained credentials.
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { RoleModelConfig } from '../core/model.ts';
import { cloudFormationClient, iamClient } from './clients.ts';
import { accountCredentials, masterCredentials } from './credentials.ts';
import type { CredentialSettings } from './credentials.ts';

export interface AccountSession {
  readonly cloudFormation: CloudFormationClient;
  readonly iam: IAMClient;
}

export interface AwsSession {
  readonly region: string;
  readonly masterIam: IAMClient;
  readonly accounts: ReadonlyMap<string, AccountSession>;
}

export const openSession = (config: RoleModelConfig, settings: CredentialSettings): AwsSession => {
  const master = masterCredentials(settings);
  const accounts = new Map<string, AccountSession>();
  for (const account of config.accounts) {
    const credentials = accountCredentials(account, master, settings);
    let iam: IAMClient | undefined;
    accounts.set(account.name, {
      cloudFormation: cloudFormationClient({ region: settings.region, credentials }),
      // Made on first use: a plan of many accounts does not pay for clients it never calls.
      get iam() {
        return (iam ??= iamClient({ region: settings.region, credentials }));
      },
    });
  }
  return {
    region: settings.region,
    masterIam: iamClient({ region: settings.region, credentials: master }),
    accounts,
  };
};
