// `~/.aws/config` profiles for the roles one person may assume, and their merge into the
// person's file: inside one marked block that is replaced as a whole, so that writing twice
// leaves one block and every line outside it (their own profiles, comments) stays as it was.
import type { Diagnostic } from '../diagnostics.ts';
import { error } from '../diagnostics.ts';

export interface AssumableRole {
  /** `<account>.<role>`, the group that grants it. */
  readonly grant: string;
  readonly roleArn: string;
  readonly requiresMfa: boolean;
}

export interface ProfileSettings {
  /** The profile with the person's own credentials in the master account. */
  readonly sourceProfile: string;
  /** Their MFA device, for the roles that require MFA; none when they have none. */
  readonly mfaSerial: string | undefined;
  readonly region: string | undefined;
  /** The IAM user name, so that CloudTrail shows who used the role. */
  readonly sessionName: string | undefined;
}

export const BLOCK_START = '# >>> rolemodel profiles >>>';
export const BLOCK_END = '# <<< rolemodel profiles <<<';

/** `prod.AdminRole` -> `prod-AdminRole`, the name `list` gives the same profile. */
export const profileNameOf = (grant: string): string => {
  const dot = grant.lastIndexOf('.');
  return dot < 0 ? grant : `${grant.slice(0, dot)}-${grant.slice(dot + 1)}`;
};

/** Characters that would break an ini line or section header are left out of names and values. */
const iniSafe = (text: string): string => text.replace(/[\r\n[\]=;#]/g, '_');

const profileLines = (role: AssumableRole, settings: ProfileSettings): string[] => [
  `[profile ${iniSafe(profileNameOf(role.grant))}]`,
  `role_arn = ${iniSafe(role.roleArn)}`,
  `source_profile = ${iniSafe(settings.sourceProfile)}`,
  ...(role.requiresMfa && settings.mfaSerial !== undefined
    ? [`mfa_serial = ${iniSafe(settings.mfaSerial)}`]
    : []),
  ...(settings.region !== undefined ? [`region = ${iniSafe(settings.region)}`] : []),
  ...(settings.sessionName !== undefined ? [`role_session_name = ${iniSafe(settings.sessionName)}`] : []),
];

/** The marked block, ending with a newline. */
export const profilesBlock = (
  roles: readonly AssumableRole[],
  settings: ProfileSettings,
  about: string,
): string =>
  [
    BLOCK_START,
    `# ${iniSafe(about)}`,
    '# Written by `rolemodel profiles --write`, which replaces this block; edit outside it.',
    ...roles.flatMap((role) => ['', ...profileLines(role, settings)]),
    BLOCK_END,
    '',
  ].join('\n');

const SECTION = /^\s*\[\s*(?:profile\s+)?([^\]]+?)\s*\]\s*$/;

export type MergeResult =
  | { readonly ok: true; readonly text: string; readonly replaced: boolean }
  | { readonly ok: false; readonly problems: readonly Diagnostic[] };

/**
 * `existing` with `block` in place of its marked block, or appended after a blank line.
 * Refused (nothing written) when the markers are broken or a profile of the block is
 * already defined outside it: the person's own settings always win.
 */
export const mergeProfilesBlock = (
  existing: string,
  block: string,
  file: string,
  names: readonly string[],
): MergeResult => {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.length === 0 ? [] : existing.replace(/\r?\n$/, '').split(/\r?\n/);
  const at = (line: number) => ({ file, line, column: 1 });
  const starts = lines.flatMap((l, i) => (l.trim() === BLOCK_START ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trim() === BLOCK_END ? [i] : []));
  const problems: Diagnostic[] = [];
  if (
    starts.length > 1 ||
    ends.length > 1 ||
    starts.length !== ends.length ||
    (starts[0] ?? 0) > (ends[0] ?? 0)
  ) {
    const line = (starts[1] ?? ends[1] ?? starts[0] ?? ends[0] ?? 0) + 1;
    problems.push(
      error(
        at(line),
        'The RoleModel profiles block is broken: its start and end markers do not pair up.',
        `Remove the lines from "${BLOCK_START}" to "${BLOCK_END}" and run again.`,
      ),
    );
    return { ok: false, problems };
  }
  const start = starts[0];
  const end = ends[0];
  const inside = (i: number) => start !== undefined && end !== undefined && i >= start && i <= end;
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  lines.forEach((line, i) => {
    const name = SECTION.exec(line)?.[1];
    if (name === undefined || inside(i) || !wanted.has(name.toLowerCase())) return;
    problems.push(
      error(
        at(i + 1),
        `Profile "${name}" is already defined here, outside the RoleModel block.`,
        'Remove or rename it, then run again; RoleModel never changes your own profiles.',
      ),
    );
  });
  if (problems.length > 0) return { ok: false, problems };
  const blockLines = block.replace(/\r?\n$/, '').split('\n');
  const merged =
    start !== undefined && end !== undefined
      ? [...lines.slice(0, start), ...blockLines, ...lines.slice(end + 1)]
      : [
          ...lines,
          ...(lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : []),
          ...blockLines,
        ];
  return { ok: true, text: `${merged.join(eol)}${eol}`, replaced: start !== undefined };
};
