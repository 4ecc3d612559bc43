// MFA through the real SDK v3 clients: virtual devices listed by ListMFADevices, and AssumeRole
// with SerialNumber/TokenCode checked against the code the device shows and against the MFA
// conditions of the role's trust policy.
import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { startAwsEmulator, totp, type AwsEmulator } from '../support/aws-emulator/index.ts';
import { clientsFor, destroyClients, errorOf, type Clients } from './helpers.ts';

const MASTER = '123456789012';
const TARGET = '210987654321';
const SECRET = 'alice-device-secret';
const ALICE_SERIAL = `arn:aws:iam::${MASTER}:mfa/alice`;
const roleArn = (name: string) => `arn:aws:iam::${TARGET}:role/${name}`;

const trustWith = (condition: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${MASTER}:root` },
      Action: 'sts:AssumeRole',
      Condition: condition,
    },
  ],
});

let emu: AwsEmulator;
let alice: Clients;
let bob: Clients;

beforeAll(async () => {
  emu = await startAwsEmulator({ checkTrust: true });
});
afterAll(async () => emu.close());
beforeEach(() => {
  emu.reset();
  emu.seed({
    accounts: {
      [MASTER]: {
        accessKeys: [
          { accessKeyId: 'AKIAALICE', secretAccessKey: 'alice-secret', userName: 'alice' },
          { accessKeyId: 'AKIABOB', secretAccessKey: 'bob-secret', userName: 'bob' },
        ],
        mfaDevices: [
          { userName: 'alice', secret: SECRET },
          { userName: 'bob', secret: 'bob-device-secret' },
        ],
      },
      [TARGET]: {
        roles: [
          {
            name: 'mfa-role',
            trustPolicy: trustWith({
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              NumericLessThan: { 'aws:MultiFactorAuthAge': '43200' },
            }),
          },
          {
            name: 'fresh-mfa-only',
            trustPolicy: trustWith({ NumericGreaterThan: { 'aws:MultiFactorAuthAge': '60' } }),
          },
          { name: 'open-role' },
        ],
      },
    },
  });
  alice = clientsFor(emu, { credentials: { accessKeyId: 'AKIAALICE', secretAccessKey: 'alice-secret' } });
  bob = clientsFor(emu, { credentials: { accessKeyId: 'AKIABOB', secretAccessKey: 'bob-secret' } });
});
afterEach(() => {
  destroyClients(alice);
  destroyClients(bob);
});

test("ListMFADevices lists the caller's own virtual device, and another user's by UserName", async () => {
  const own = await alice.iam.send(new ListMFADevicesCommand({}));
  expect(own.MFADevices?.map((d) => [d.UserName, d.SerialNumber])).toEqual([['alice', ALICE_SERIAL]]);
  expect(own.IsTruncated).toBe(false);
  const other = await alice.iam.send(new ListMFADevicesCommand({ UserName: 'bob' }));
  expect(other.MFADevices?.map((d) => d.SerialNumber)).toEqual([`arn:aws:iam::${MASTER}:mfa/bob`]);
});

test('a role whose trust policy requires MFA is refused without it and assumed with the current code', async () => {
  const without = await errorOf(
    alice.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('mfa-role'), RoleSessionName: 'alice' })),
  );
  expect(without).toMatchObject({ name: 'AccessDenied', status: 403 });

  const assumed = await alice.sts.send(
    new AssumeRoleCommand({
      RoleArn: roleArn('mfa-role'),
      RoleSessionName: 'alice',
      SerialNumber: ALICE_SERIAL,
      TokenCode: totp(SECRET, Date.now()),
    }),
  );
  expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TARGET}:assumed-role/mfa-role/alice`);
  // A role without conditions takes MFA too.
  await expect(
    alice.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn('open-role'),
        RoleSessionName: 'alice',
        SerialNumber: ALICE_SERIAL,
        TokenCode: totp(SECRET, Date.now()),
      }),
    ),
  ).resolves.toBeDefined();
});

test("a wrong code, a missing half, or another user's device fails as MultiFactorAuthentication", async () => {
  const now = Date.now();
  const good = totp(SECRET, now);
  // Not a code of this step or of the steps either side, which AWS accepts too.
  const shown = [-30_000, 0, 30_000].map((d) => totp(SECRET, now + d));
  const wrong = ['000000', '111111', '222222', '333333'].find((c) => !shown.includes(c)) ?? '';
  const attempts = [
    { as: alice, SerialNumber: ALICE_SERIAL, TokenCode: wrong, message: /invalid MFA one time pass code/ },
    { as: alice, SerialNumber: ALICE_SERIAL, message: /must provide both MFA serial number and one time/ },
    { as: bob, SerialNumber: ALICE_SERIAL, TokenCode: good, message: /unable to validate MFA code/ },
  ];
  for (const { as, message, ...mfa } of attempts) {
    const error = await errorOf(
      as.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('mfa-role'), RoleSessionName: 'x1', ...mfa })),
    );
    expect(error).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(error.message).toMatch(message);
  }
});

test('aws:MultiFactorAuthAge is the age of the MFA check: 0 s right after the code', async () => {
  const error = await errorOf(
    alice.sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn('fresh-mfa-only'),
        RoleSessionName: 'alice',
        SerialNumber: ALICE_SERIAL,
        TokenCode: totp(SECRET, Date.now()),
      }),
    ),
  );
  expect(error).toMatchObject({ name: 'AccessDenied' });
});
