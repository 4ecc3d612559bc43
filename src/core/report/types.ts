// What a run produced, as data. Every command returns one report; one publisher
// (src/github/publish.ts) turns it into the step outputs, the job summary, the annotations
// and the pull request's comment, through the pure functions beside this file and in
// core/render. JSON-serialisable, so that `plan-json` is the report itself.
import type { Diagnostic } from '../diagnostics.ts';
import type { Listing } from '../listing.ts';
import type { DesiredState } from '../model.ts';
import type { Plan, RemovalOrigin } from '../plan/types.ts';
import type { ReviewedPlan, Widening } from '../review/classify.ts';
import type { Fingerprint } from '../review/fingerprint.ts';
import type { ApprovalVerdict } from '../approvals/verdict.ts';
import type { ExpiringGrant } from '../users/expiring.ts';

export type { ExpiringGrant } from '../users/expiring.ts';

export const COMMANDS = ['validate', 'plan', 'apply', 'list', 'delete', 'expire', 'approval'] as const;
export type CommandName = (typeof COMMANDS)[number];

interface ReportBase {
  /** The process fails when this is true. */
  readonly failed: boolean;
  /** One line for the log and for `core.setFailed`. */
  readonly headline: string;
  /** Problems in the files and found while planning: annotated on their lines, counted in `error-count`. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface ValidateReport extends ReportBase {
  readonly kind: 'validate';
  /** What the files describe; undefined when they have errors. */
  readonly desired: DesiredState | undefined;
}

/** The `rolemodel/approval` status of a pull request's head: whose approval its escalations still need. */
export interface ApprovalStatus {
  readonly sha: string;
  readonly state: 'success' | 'pending';
  readonly description: string;
  /** Undefined when it could not be worked out (the base config unreadable, no plan of the head yet). */
  readonly verdict: ApprovalVerdict | undefined;
}

/** Where the plan comment goes, and what it records of the run. */
export interface CommentTarget {
  readonly pullRequest: number;
}

export interface PlanContext {
  /** The commit planned: the pull request's head, or the run's commit. */
  readonly headSha: string | undefined;
  /** The workflow run, whose job summary holds the whole plan. */
  readonly runUrl: string | undefined;
  /** Set when the run is for a pull request whose comment shows the plan. */
  readonly comment: CommentTarget | undefined;
  /** The commit whose `rolemodel/plan` status this run sets (a pull request's head). */
  readonly statusSha: string | undefined;
}

export type PlanReport = ReportBase &
  PlanContext &
  (
    | {
        readonly kind: 'plan';
        readonly outcome: 'planned';
        readonly plan: Plan;
        /** What the plan leaves people with, as the comment records it for apply. */
        readonly fingerprint: Fingerprint;
        /** Set on a pull request's plan. */
        readonly approval: ApprovalStatus | undefined;
      }
    /** The files have errors: nothing was planned. */
    | { readonly kind: 'plan'; readonly outcome: 'invalid-files' }
    /** The pull request's head is in another repository: validated only, never with AWS credentials. */
    | { readonly kind: 'plan'; readonly outcome: 'fork' }
    /** AWS could not be read at all (credentials, say). */
    | { readonly kind: 'plan'; readonly outcome: 'aws-unreadable'; readonly error: string }
  );

/** One account's stack during apply. */
export interface AccountResult {
  readonly accountName: string;
  readonly accountId: string;
  readonly state: 'unchanged' | 'done' | 'failed';
  /** What was done, or why it failed (a stack event's reason). */
  readonly detail: string;
}

/** One group of the master account during apply. */
export interface GroupResult {
  readonly group: string;
  readonly state: 'done' | 'failed' | 'skipped';
  readonly detail: string;
}

/** What executing a plan did, account by account and group by group. */
export interface Applied {
  readonly plan: Plan;
  readonly accounts: readonly AccountResult[];
  readonly groups: readonly GroupResult[];
  readonly mutatingCalls: number;
}

/** Something failed, or a group was left as it was: the run must say so and fail. */
export const applyFailed = (applied: Pick<Applied, 'accounts' | 'groups'>): boolean =>
  applied.accounts.some((a) => a.state === 'failed') || applied.groups.some((g) => g.state !== 'done');

/** What apply found against the reviewed plans of the merged pull requests. */
export interface ReviewCheck {
  readonly reviewed: readonly ReviewedPlan[];
  readonly widenings: readonly Widening[];
  /** `unreviewed: warn`: unreviewed widenings were applied and reported. */
  readonly mode: 'refuse' | 'warn';
}

export type ApplyReport = ReportBase &
  (
    | ({ readonly kind: 'apply'; readonly outcome: 'applied'; readonly review: ReviewCheck } & Applied)
    /** A widening no reviewed plan showed: nothing was applied. */
    | {
        readonly kind: 'apply';
        readonly outcome: 'unreviewed';
        readonly plan: Plan;
        readonly review: ReviewCheck;
      }
    /** The plan had errors (an unknown user, say): nothing was applied. */
    | { readonly kind: 'apply'; readonly outcome: 'plan-errors'; readonly plan: Plan }
  );

export interface ListReport extends ReportBase {
  readonly kind: 'list';
  readonly listing: Listing;
}

export interface StackDeletion {
  readonly account: string;
  readonly accountId: string;
  readonly ok: boolean;
  /** The stack was there (and is gone when ok). */
  readonly existed: boolean;
  readonly reason: string | undefined;
}

export interface GroupDeletion {
  readonly group: string;
  readonly ok: boolean;
  readonly reason: string | undefined;
}

export type DeleteReport = ReportBase &
  (
    | {
        readonly kind: 'delete';
        readonly outcome: 'deleted';
        readonly masterAccountId: string;
        readonly stacks: readonly StackDeletion[];
        readonly groups: readonly GroupDeletion[];
      }
    /** `confirm` did not name the stack: nothing was touched. */
    | { readonly kind: 'delete'; readonly outcome: 'refused' }
  );

/** A membership the scheduled run took away: its grant ended, or (with `repair-drift`) it was added by hand. */
export interface MembershipRemoved {
  readonly group: string;
  readonly userName: string;
  /** `expired`, or `drift` (not in the default branch's user map). */
  readonly origin: RemovalOrigin;
  readonly state: 'done' | 'failed';
  /** Why it failed. */
  readonly detail?: string;
}

/** What the scheduled run did and found: narrowing only, then the default branch against AWS. */
export interface ExpireRun {
  /** The run's time (ISO 8601): grants that ended by then were removed. */
  readonly at: string;
  /** Members added by hand were removed too (`repair-drift: true`). */
  readonly repairDrift: boolean;
  readonly removed: readonly MembershipRemoved[];
  readonly mutatingCalls: number;
  /** The plan of the default branch against AWS after the removals; what the drift issue shows. */
  readonly plan: Plan;
  /** The default branch and AWS differ (changes to apply, or problems): the drift issue is open. */
  readonly differs: boolean;
  /** `expiring-within`, in days. */
  readonly expiringWithin: number;
  /** Grants that end within `expiringWithin` days, soonest first. */
  readonly expiring: readonly ExpiringGrant[];
  /** The commit read and the workflow run, said in the drift issue. */
  readonly sha: string | undefined;
  readonly runUrl: string | undefined;
}

export type ExpireReport = ReportBase &
  (
    | ({ readonly kind: 'expire'; readonly outcome: 'expired' } & ExpireRun)
    /** AWS could not be read at all: nothing was removed, the drift issue is left as it is. */
    | { readonly kind: 'expire'; readonly outcome: 'aws-unreadable'; readonly error: string }
  );

/** A run that could not start its command: bad inputs, an event it must not run for, files with errors, no region. */
export interface StoppedReport extends ReportBase {
  readonly kind: 'stopped';
  /** The command that was asked for, when the inputs said. */
  readonly command: CommandName | undefined;
}

/** `pull_request_review`: the approval status worked out again, without AWS. */
export interface ApprovalReport extends ReportBase {
  readonly kind: 'approval';
  readonly pullRequest: number;
  readonly approval: ApprovalStatus | undefined;
}

export type RunReport =
  | ValidateReport
  | PlanReport
  | ApplyReport
  | ListReport
  | DeleteReport
  | ExpireReport
  | ApprovalReport
  | StoppedReport;

/** The command a report is about: `run` when the inputs did not even say. */
export const commandOf = (report: RunReport): CommandName | 'run' =>
  report.kind === 'stopped' ? (report.command ?? 'run') : report.kind;
