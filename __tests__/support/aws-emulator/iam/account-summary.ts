// GetAccountSummary: the account's usage and quotas, as IAM's SummaryMap names them.
import { XmlMap, type XmlObject } from '../protocol/xml.ts';
import type { IamState } from './model.ts';

export function getAccountSummary(state: IamState): XmlObject {
  const usage: [string, number][] = [
    ['Users', state.users.size],
    ['Groups', state.groups.size],
    ['Roles', state.roles.size],
    ['Policies', state.policies.size],
    ['MFADevices', 0],
    ['MFADevicesInUse', 0],
    ['AccountMFAEnabled', 0],
    ['AccountAccessKeysPresent', 0],
    ['AccountSigningCertificatesPresent', 0],
    ['InstanceProfiles', 0],
    ['ServerCertificates', 0],
    ['Providers', 0],
    ['PolicyVersionsInUse', state.policies.size],
    ['GlobalEndpointTokenVersion', 1],
  ];
  return { SummaryMap: new XmlMap([...usage, ...Object.entries(state.quotas)]) };
}
