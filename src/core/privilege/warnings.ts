// What a reviewer must not miss: a change that lets someone do more. A user who gains an
// admin, iam-write or custom role; a role that becomes one; a trust policy that lets in
// more; a role's policies that gain power. Pure data: the comment renders it.
import { diffRolePolicies, gainedPower } from './diff.ts';
import { compareLevels } from './levels.ts';
import { listSome } from './statements.ts';
import { diffTrust } from './trust.ts';
import type {
  EscalationInput,
  EscalationKind,
  EscalationWarning,
  MembershipGain,
  PrivilegeLevel,
  RolePrivilege,
  RolePrivilegeChange,
} from './types.ts';

const KIND_ORDER: readonly EscalationKind[] = [
  'grant-admin',
  'grant-iam-write',
  'custom-granted',
  'trust-widened',
  'policy-gained-power',
];

/** The warning kind for holding a role of this level, if any. */
const grantKind = (level: PrivilegeLevel): EscalationKind | undefined =>
  level === 'admin'
    ? 'grant-admin'
    : level === 'iam-write'
      ? 'grant-iam-write'
      : level === 'custom'
        ? 'custom-granted'
        : undefined;

const levelText = (p: RolePrivilege): string =>
  p.level === 'custom' ? `custom (unknown; at least ${p.atLeast})` : p.level;

const why = (p: RolePrivilege): string => (p.reasons[0] === undefined ? '' : `: ${p.reasons[0]}`);

const where = (change: { readonly account?: string; readonly role: string }): string =>
  change.account === undefined ? change.role : `${change.account}.${change.role}`;

const at = (change: RolePrivilegeChange): Pick<EscalationWarning, 'account' | 'role'> =>
  change.account === undefined ? { role: change.role } : { account: change.account, role: change.role };

/** A role that now grants admin, iam-write or something unknown, where it did not before. */
const roleGrant = (change: RolePrivilegeChange): EscalationWarning[] => {
  const { before, after } = change;
  if (after === undefined) return [];
  const kind = grantKind(after.level);
  if (kind === undefined) return [];
  const same = before !== undefined && before.level === after.level;
  const newStatements = diffRolePolicies(before, after).added.length > 0;
  if (same && !(kind === 'custom-granted' && newStatements)) return [];
  const was = before === undefined ? '' : ` (was ${levelText(before)})`;
  return [
    { kind, ...at(change), message: `${where(change)} now grants ${levelText(after)}${was}${why(after)}` },
  ];
};

const trustWidened = (change: RolePrivilegeChange): EscalationWarning[] => {
  const diff = diffTrust(change.before?.trust, change.after?.trust);
  return diff.widened
    ? [
        {
          kind: 'trust-widened',
          ...at(change),
          message: `more principals may assume ${where(change)}: ${listSome(diff.reasons)}`,
        },
      ]
    : [];
};

/** More power within the same level, or a rise to a level that is not itself warned about. */
const policyGain = (change: RolePrivilegeChange, warned: boolean): EscalationWarning[] => {
  const { before, after } = change;
  if (warned || before === undefined || after === undefined) return [];
  const rise = (compareLevels(after.level, before.level) ?? 0) > 0;
  const gains = gainedPower(before, after);
  if (!rise && gains.length === 0) return [];
  const level = rise ? `${before.level} -> ${after.level}` : after.level;
  return [
    {
      kind: 'policy-gained-power',
      ...at(change),
      message: `${where(change)} gains power (${level})${gains.length > 0 ? `: ${listSome(gains, 3)}` : ''}`,
    },
  ];
};

const roleWarnings = (change: RolePrivilegeChange): EscalationWarning[] => {
  const grants = roleGrant(change);
  return [...grants, ...trustWidened(change), ...policyGain(change, grants.length > 0)];
};

/** The role's privileges in that account, or the ones shared by every account. */
const privilegeFor = (
  roles: readonly RolePrivilegeChange[],
  gain: MembershipGain,
): RolePrivilege | undefined =>
  (
    roles.find((r) => r.account === gain.account && r.role === gain.role) ??
    roles.find((r) => r.account === undefined && r.role === gain.role)
  )?.after;

const endText = (end: MembershipGain['end']): string =>
  end === undefined ? 'with no end' : `until ${end.until}`;

/** `gains prod.AdminRole until 2026-12-31`, or `keeps prod.AdminRole longer, ...` for an extension. */
const gainText = (gain: MembershipGain): string => {
  const pair = `${gain.account}.${gain.role}`;
  if (gain.was === undefined) return `gains ${pair}${gain.end === undefined ? '' : ` ${endText(gain.end)}`}`;
  return `keeps ${pair} longer, ${endText(gain.end)} (was ${endText(gain.was.end)})`;
};

const membershipWarnings = (
  roles: readonly RolePrivilegeChange[],
  gain: MembershipGain,
): EscalationWarning[] => {
  const privilege = privilegeFor(roles, gain);
  const kind = privilege === undefined ? undefined : grantKind(privilege.level);
  if (privilege === undefined || kind === undefined) return [];
  return [
    {
      kind,
      account: gain.account,
      role: gain.role,
      user: gain.user,
      message: `${gain.user} ${gainText(gain)}${gain.reason === undefined ? '' : ` (${gain.reason})`}, which grants ${levelText(privilege)}${why(privilege)}`,
      ...(gain.end === undefined ? {} : { until: gain.end.until, endsAt: gain.end.endsAt }),
      ...(gain.reason === undefined ? {} : { reason: gain.reason }),
      ...(gain.was === undefined
        ? {}
        : {
            extendedFrom:
              gain.was.end === undefined ? {} : { until: gain.was.end.until, endsAt: gain.was.end.endsAt },
          }),
    },
  ];
};

const order = (a: EscalationWarning, b: EscalationWarning): number =>
  KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
  (a.account ?? '').localeCompare(b.account ?? '') ||
  a.role.localeCompare(b.role) ||
  (a.user ?? '').localeCompare(b.user ?? '');

/** Every warning for a change, most severe kind first, then by account, role and user. */
export const escalationWarnings = (input: EscalationInput): EscalationWarning[] =>
  [
    ...input.roles.flatMap(roleWarnings),
    ...input.memberships.flatMap((gain) => membershipWarnings(input.roles, gain)),
  ].sort(order);
