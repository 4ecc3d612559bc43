// Virtual MFA devices of IAM users: which device (serial number) belongs to whom, with the
// secret its codes come from. Kept beside the account's IAM state, so a reset clears them.
import { noSuchEntity } from './errors.ts';
import { nameKey, type IamState } from './model.ts';
import { getUser } from './store.ts';

export interface MfaDevice {
  userName: string;
  serialNumber: string;
  secret: string;
  enableDate: Date;
}

const devicesByState = new WeakMap<IamState, MfaDevice[]>();

const devicesOf = (state: IamState): MfaDevice[] => {
  let devices = devicesByState.get(state);
  if (!devices) {
    devices = [];
    devicesByState.set(state, devices);
  }
  return devices;
};

/** The serial number IAM gives a virtual device named after its user. */
export const virtualMfaSerial = (account: string, userName: string): string =>
  `arn:aws:iam::${account}:mfa/${userName}`;

export function enableMfaDevice(
  state: IamState,
  userName: string,
  secret: string,
  now: Date,
  serialNumber = virtualMfaSerial(state.account, userName),
): MfaDevice {
  const user = getUser(state, userName);
  const device: MfaDevice = { userName: user.name, serialNumber, secret, enableDate: now };
  const devices = devicesOf(state).filter((d) => d.serialNumber !== serialNumber);
  devicesByState.set(state, [...devices, device]);
  return device;
}

export function mfaDevicesOf(state: IamState, userName: string): MfaDevice[] {
  const key = nameKey(getUser(state, userName).name);
  return devicesOf(state).filter((d) => nameKey(d.userName) === key);
}

export function findMfaDevice(state: IamState, serialNumber: string): MfaDevice {
  const device = devicesOf(state).find((d) => d.serialNumber === serialNumber);
  if (!device) throw noSuchEntity(`MFA device ${serialNumber} cannot be found.`);
  return device;
}
