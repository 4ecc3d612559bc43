// ~/.aws/config profiles: the block for a person's roles, and its merge into their file.
import {
  BLOCK_END,
  BLOCK_START,
  mergeProfilesBlock,
  profilesBlock,
} from '../../src/core/access/aws-profiles.ts';
import type { AssumableRole } from '../../src/core/access/aws-profiles.ts';

const roles: AssumableRole[] = [
  {
    grant: 'prod.AdminRole',
    roleArn: 'arn:aws:iam::210987654321:role/RoleModel-AdminRole-X',
    requiresMfa: true,
  },
  { grant: 'cdn.ReadOnlyRole', roleArn: 'arn:aws:iam::410987654321:role/ro', requiresMfa: false },
];
const settings = {
  sourceProfile: 'alice',
  mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
  region: 'eu-west-1',
  sessionName: 'alice',
};
const block = profilesBlock(roles, settings, 'Roles alice may assume.');
const names = ['prod-AdminRole', 'cdn-ReadOnlyRole'];

describe('profilesBlock', () => {
  test('one profile per role; mfa_serial only where the role requires MFA', () => {
    expect(block).toBe(
      [
        BLOCK_START,
        '# Roles alice may assume.',
        '# Written by `rolemodel profiles --write`, which replaces this block; edit outside it.',
        '',
        '[profile prod-AdminRole]',
        'role_arn = arn:aws:iam::210987654321:role/RoleModel-AdminRole-X',
        'source_profile = alice',
        'mfa_serial = arn:aws:iam::123456789012:mfa/alice',
        'region = eu-west-1',
        'role_session_name = alice',
        '',
        '[profile cdn-ReadOnlyRole]',
        'role_arn = arn:aws:iam::410987654321:role/ro',
        'source_profile = alice',
        'region = eu-west-1',
        'role_session_name = alice',
        BLOCK_END,
        '',
      ].join('\n'),
    );
  });

  test('text that would break the ini file cannot: a newline or bracket in a value is replaced', () => {
    const hostile = profilesBlock(
      [
        {
          grant: 'cdn.ReadOnlyRole',
          requiresMfa: false,
          roleArn: 'arn]\n[profile evil]\ncredential_process = sh',
        },
      ],
      settings,
      'x',
    );
    expect(hostile).not.toMatch(/^\[profile evil\]/m);
    expect(hostile).not.toMatch(/^credential_process/m);
  });
});

describe('mergeProfilesBlock', () => {
  const mine = '[default]\nregion = us-east-1\n\n[profile personal]\noutput = json\n';

  test('appended after a blank line to a file without one, and replaced in place the second time', () => {
    const first = mergeProfilesBlock(mine, block, 'config', names);
    expect(first).toEqual({ ok: true, text: `${mine}\n${block}`, replaced: false });
    const after = `${first.ok ? first.text : ''}[profile later]\nregion = x\n`;
    const newer = profilesBlock(roles.slice(0, 1), settings, 'Roles alice may assume.');
    const second = mergeProfilesBlock(after, newer, 'config', names.slice(0, 1));
    expect(second).toEqual({
      ok: true,
      text: `${mine}\n${newer}[profile later]\nregion = x\n`,
      replaced: true,
    });
  });

  test('an empty or missing file gets just the block; Windows line endings are kept', () => {
    expect(mergeProfilesBlock('', block, 'config', names)).toEqual({
      ok: true,
      text: block,
      replaced: false,
    });
    const crlf = mergeProfilesBlock('[default]\r\nregion = x\r\n', block, 'config', names);
    expect(crlf).toEqual({
      ok: true,
      text: `[default]\r\nregion = x\r\n\r\n${block.replace(/\n/g, '\r\n')}`,
      replaced: false,
    });
  });

  test('a profile of the same name outside the block is refused at its line', () => {
    const result = mergeProfilesBlock(
      `${mine}[profile cdn-ReadOnlyRole]\nx = y\n`,
      block,
      '~/.aws/config',
      names,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          file: '~/.aws/config',
          line: 6,
          message: expect.stringContaining('"cdn-ReadOnlyRole" is already defined here'),
        }),
      ],
    });
  });

  test('broken markers are refused rather than guessed', () => {
    const result = mergeProfilesBlock(`${mine}${BLOCK_START}\n[profile x]\n`, block, 'config', names);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.line).toBe(6);
  });
});
