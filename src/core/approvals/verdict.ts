// Whether a pull request has the approvals its escalations need: each guarded escalation
// needs an approving review, on the current head commit, from one of its approvers who is not
// the pull request's author. Pure: reviews and team memberships are read by the caller.
import { byText } from '../collections.ts';
import type { EscalationKind } from '../privilege/privilege.ts';
import type { ReviewedEscalation } from '../review/fingerprint.ts';
import type { ApprovalKey, ApprovalRules, Approver } from './types.ts';
import { approverText } from './types.ts';

const KEY_OF: Readonly<Record<EscalationKind, ApprovalKey>> = {
  'grant-admin': 'admin',
  'grant-iam-write': 'iam-write',
  'custom-granted': 'custom',
  'trust-widened': 'trust-widened',
  'policy-gained-power': 'policy-gained-power',
};

/** One escalation that needs an approval, and from whom. */
export interface Guarded {
  readonly key: ApprovalKey | 'approvals';
  /** What it is, in a few words: `carol gains prod.AdminRole`. */
  readonly what: string;
  readonly approvers: readonly Approver[];
}

const escalationText = (e: ReviewedEscalation): string =>
  e.user !== undefined
    ? `${e.user} gains ${e.account ?? '?'}.${e.role}`
    : `${e.account === undefined ? e.role : `${e.account}.${e.role}`} (${e.kind})`;

/**
 * The escalations of a plan the rules guard. A change to the rules themselves is guarded by
 * whoever approves `iam-write` (or `admin` when that is absent): otherwise a pull request could
 * name its own approvers.
 */
export const guardedEscalations = (
  rules: ApprovalRules,
  escalations: readonly ReviewedEscalation[],
  approvalsChanged: boolean,
): Guarded[] => {
  const guarded: Guarded[] = escalations.flatMap((e) => {
    const key = KEY_OF[e.kind];
    const approvers = rules.get(key);
    return approvers === undefined ? [] : [{ key, what: escalationText(e), approvers }];
  });
  const keepers = rules.get('iam-write') ?? rules.get('admin');
  if (approvalsChanged && keepers !== undefined)
    guarded.push({ key: 'approvals', what: 'the approvals: block changes', approvers: keepers });
  return guarded;
};

export interface Review {
  readonly user: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, as GitHub writes it. */
  readonly state: string;
  readonly commitId: string | undefined;
}

export type Membership = 'member' | 'not-member' | 'unreadable';

export interface ApprovalInput {
  readonly guarded: readonly Guarded[];
  /** In the order GitHub lists them: oldest first. */
  readonly reviews: readonly Review[];
  readonly headSha: string;
  readonly author: string | undefined;
  /** Whether `user` is in the team, as read with the run's token. */
  readonly membership: (team: Extract<Approver, { kind: 'team' }>, user: string) => Membership;
}

export interface GuardedOutcome {
  readonly guarded: Guarded;
  /** Who approved it, when someone did. */
  readonly approvedBy: string | undefined;
  /** Teams among its approvers whose members the token could not read. */
  readonly unreadableTeams: readonly string[];
}

export interface ApprovalVerdict {
  readonly state: 'success' | 'pending';
  readonly outcomes: readonly GuardedOutcome[];
  /** The keys some escalation of which has no approval yet. */
  readonly unapproved: ReadonlySet<ApprovalKey | 'approvals'>;
}

const same = (a: string, b: string | undefined): boolean =>
  b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Who approves the head commit now: each reviewer's latest verdict counts, comments aside. */
export const approversOfHead = (
  reviews: readonly Review[],
  headSha: string,
  author: string | undefined,
): string[] => {
  const latest = new Map<string, Review>();
  for (const r of reviews)
    if (r.state !== 'COMMENTED' && r.state !== 'PENDING') latest.set(r.user.toLowerCase(), r);
  return [...latest.values()]
    .filter((r) => r.state === 'APPROVED' && r.commitId === headSha && !same(r.user, author))
    .map((r) => r.user)
    .sort(byText);
};

const outcomeOf = (input: ApprovalInput, approving: readonly string[], guarded: Guarded): GuardedOutcome => {
  const unreadable = new Set<string>();
  const by = approving.find((user) =>
    guarded.approvers.some((a) => {
      if (a.kind === 'user') return same(a.login, user);
      const membership = input.membership(a, user);
      if (membership === 'unreadable') unreadable.add(approverText(a));
      return membership === 'member';
    }),
  );
  return { guarded, approvedBy: by, unreadableTeams: by === undefined ? [...unreadable].sort(byText) : [] };
};

export const approvalVerdict = (input: ApprovalInput): ApprovalVerdict => {
  const approving = approversOfHead(input.reviews, input.headSha, input.author);
  const outcomes = input.guarded.map((g) => outcomeOf(input, approving, g));
  const unapproved = new Set(outcomes.filter((o) => o.approvedBy === undefined).map((o) => o.guarded.key));
  return { state: unapproved.size === 0 ? 'success' : 'pending', outcomes, unapproved };
};

/** The status description (GitHub keeps 140 characters): what is missing, or that all is approved. */
export const approvalDescription = (verdict: ApprovalVerdict): string => {
  const missing = verdict.outcomes.filter((o) => o.approvedBy === undefined);
  if (verdict.outcomes.length === 0) return 'No escalation that needs an approval.';
  if (missing.length === 0)
    return `Approved: ${[...new Set(verdict.outcomes.map((o) => `${o.guarded.key} by ${o.approvedBy ?? '?'}`))].join(', ')}.`;
  const unreadable = [...new Set(missing.flatMap((o) => o.unreadableTeams))];
  if (unreadable.length > 0)
    return `Cannot read team ${unreadable.join(', ')} with this token: use a GitHub App token as github-token, or list logins.`;
  const byKey = new Map<string, Set<string>>();
  for (const o of missing) {
    const set = byKey.get(o.guarded.key) ?? new Set<string>();
    for (const a of o.guarded.approvers) set.add(approverText(a));
    byKey.set(o.guarded.key, set);
  }
  return `Needs approval: ${[...byKey].map(([key, who]) => `${key} from ${[...who].join(' or ')}`).join('; ')}.`;
};
