// IAM API operations on MFA devices.
import { validationError } from '../errors.ts';
import { read, type Operation, type SignedContext } from '../http/service.ts';
import type { XmlObject } from '../protocol/xml.ts';
import { mfaDevicesOf } from './mfa.ts';
import { iamPage } from './paging.ts';

/** The user a call is about: the UserName parameter, or the calling IAM user. */
function userNameOf(ctx: SignedContext): string {
  const name = ctx.params.string('UserName');
  if (name !== undefined) return name;
  if (ctx.principal.kind === 'user') return ctx.principal.userName;
  throw validationError('Must specify userName when calling with non-User credentials');
}

function listMfaDevices(ctx: SignedContext): XmlObject {
  const state = ctx.world.account(ctx.principal.account).iam;
  const devices = mfaDevicesOf(state, userNameOf(ctx));
  const page = iamPage(ctx.params, devices, (d) => d.serialNumber);
  return {
    MFADevices: page.items.map((d) => ({
      UserName: d.userName,
      SerialNumber: d.serialNumber,
      EnableDate: d.enableDate,
    })),
    ...page.fields,
  };
}

export const mfaOperations: Readonly<Record<string, Operation>> = {
  ListMFADevices: read(listMfaDevices),
};
