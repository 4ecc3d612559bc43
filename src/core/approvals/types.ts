// Who must approve which kind of escalation: the `approvals:` block of the config. GitHub's
// CODEOWNERS can ask a team for a file; the plan knows the kind of change, and asks by that.

/** What can be guarded: the levels a grant escalates to, and the role warnings. */
export const APPROVAL_KEYS = [
  'admin',
  'iam-write',
  'custom',
  'trust-widened',
  'policy-gained-power',
] as const;
export type ApprovalKey = (typeof APPROVAL_KEYS)[number];

export type Approver =
  | { readonly kind: 'user'; readonly login: string }
  | { readonly kind: 'team'; readonly org: string; readonly slug: string };

/** Key -> who may approve it; a key that is absent is not guarded. */
export type ApprovalRules = ReadonlyMap<ApprovalKey, readonly Approver[]>;

export const approverText = (a: Approver): string => (a.kind === 'user' ? a.login : `${a.org}/${a.slug}`);

/** A login or an `org/team` slug, as the config writes it. */
export const parseApprover = (written: string): Approver | undefined => {
  const team = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/.exec(
    written,
  );
  if (team) return { kind: 'team', org: team[1] ?? '', slug: team[2] ?? '' };
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/.test(written)
    ? { kind: 'user', login: written }
    : undefined;
};
