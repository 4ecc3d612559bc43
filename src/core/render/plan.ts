// The plan as one Markdown document: the PR comment and the job summary, each within its
// GitHub size limit. Summary first, details folded, in the spirit of Atlantis and tfcmt.
import { countErrors } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Plan, StackPlan } from '../plan/types.ts';
import { renderAccessSections } from './access-section.ts';
import { renderAccessWarnings } from './access-warnings.ts';
import { renderComparedAccounts } from './compared.ts';
import { renderExpiredGrants } from './expired-section.ts';
import { characters, fitToLength, JOB_SUMMARY_MAX_BYTES, sectionsShown, utf8Bytes } from './limit.ts';
import type { Measure } from './limit.ts';
import { renderMasterSections } from './master-section.ts';
import { mergeDiagnostics, renderProblems } from './problems.ts';
import { renderStackSections, renderUnchangedAccounts } from './stack-section.ts';
import { renderRoleChangeSections } from './role-changes.ts';
import { renderPlanSummaryLine } from './summary-line.ts';
import { renderCodeWarnings, renderProminent, renderWarnings } from './warnings.ts';
import { reportHeading } from './heading.ts';
import { fingerprintLine } from '../review/encoding.ts';

// The entry point of rendering: what callers need, from one module.
export { renderForkNote } from './fork-note.ts';
export { renderPlanSummaryLine };

export interface RenderOptions {
  /** Goes in the hidden marker, so that a later run can tell which commit was planned. */
  readonly headSha?: string;
  /** The encoded reviewed result (core/review/encoding.ts), hidden in the comment for apply. */
  readonly fingerprint?: string;
  /** Link to the workflow run, where the job summary holds the full plan. */
  readonly runUrl?: string;
  /** Where the Markdown goes, which sets its size limit and what a truncation note points to. */
  readonly target?: RenderTarget;
  /** Overrides the target's limit (in the target's unit). */
  readonly maxLength?: number;
  /** Problems in the files, shown first. */
  readonly validationDiagnostics?: readonly Diagnostic[];
  /** Blocks under the warnings, in the head that truncation never drops (approvals needed). */
  readonly headNotes?: readonly string[];
  /** The hidden lines the document starts with, instead of the plan comment's markers. */
  readonly hiddenLines?: readonly string[];
}

/** Finds the one plan comment of a PR again. */
export const PLAN_MARKER = '<!-- rolemodel-plan -->';

/** A PR comment: GitHub refuses one over 65,536 characters. */
export const DEFAULT_MAX_LENGTH = 65_000;

export type RenderTarget = 'comment' | 'job-summary';

interface Limit {
  readonly maxLength: number;
  readonly measure: Measure;
}

const LIMITS: Readonly<Record<RenderTarget, Limit>> = {
  comment: { maxLength: DEFAULT_MAX_LENGTH, measure: characters },
  'job-summary': { maxLength: JOB_SUMMARY_MAX_BYTES, measure: utf8Bytes },
};

/** Only what a commit id can hold, so that nothing can close the HTML comment. */
const shaMarker = (sha: string): string => `<!-- rolemodel-plan-sha: ${sha.replace(/[^0-9A-Za-z]/g, '')} -->`;

/** The hidden lines every plan comment starts with, whatever its body. */
export const markerLines = (sha: string | undefined, fingerprint?: string): string[] => [
  PLAN_MARKER,
  ...(sha ? [shaMarker(sha)] : []),
  ...(fingerprint ? [fingerprintLine(fingerprint)] : []),
];

/** A link only when the URL cannot break out of Markdown's link syntax. */
const jobSummary = (runUrl: string | undefined): string =>
  runUrl !== undefined && /^https:\/\/[^\s()<>[\]]+$/.test(runUrl)
    ? `[job summary](${runUrl})`
    : 'job summary of this run';

const truncationNote =
  (target: RenderTarget, runUrl: string | undefined) =>
  (shown: number, total: number): string =>
    target === 'comment'
      ? `✂️ **The plan was truncated** to fit in a comment: ${sectionsShown(shown, total)}. The full plan is in the ${jobSummary(runUrl)} and in the \`plan-json\` output.`
      : `✂️ **The plan was truncated** to fit GitHub's 1 MiB job summary: ${sectionsShown(shown, total)}. The full plan is in the \`plan-markdown\` and \`plan-json\` outputs.`;

const shortNote = (target: RenderTarget): string =>
  target === 'comment'
    ? '✂️ Truncated: the full plan is in the job summary.'
    : '✂️ Truncated: the full plan is in the `plan-markdown` output.';

const head = (
  plan: Plan,
  options: RenderOptions,
  errors: number,
  diagnostics: readonly Diagnostic[],
): string => {
  const summary = { ...plan.summary, errors: Math.max(plan.summary.errors, errors) };
  return [
    ...(options.hiddenLines ?? markerLines(options.headSha, options.fingerprint)),
    '',
    reportHeading('plan'),
    '',
    renderPlanSummaryLine(summary),
    // Escalations first: the one thing a reviewer must not miss, and never truncated. Then what
    // the review cannot see: transforms and code that runs when the stack is applied.
    ...[
      ...renderAccessWarnings(plan.access, atOf(plan)),
      ...renderProminent(diagnostics),
      ...renderCodeWarnings(plan.stacks),
      ...renderWarnings(plan.stacks),
      ...(options.headNotes ?? []),
    ].flatMap((w) => ['', w]),
  ].join('\n');
};

/** The plan's time, from which the ends of time-boxed grants are counted. */
const atOf = (plan: Plan): Date | undefined => (plan.at === undefined ? undefined : new Date(plan.at));

const stackSections = (stacks: readonly StackPlan[]): string[] => {
  const unchanged = stacks.filter((s) => s.action === 'no-change');
  const changing = stacks.filter((s) => s.action !== 'no-change');
  return [
    ...(unchanged.length > 0
      ? [[renderUnchangedAccounts(unchanged), renderComparedAccounts(unchanged)].filter(Boolean).join('\n\n')]
      : []),
    ...renderStackSections(changing),
  ];
};

export const renderPlan = (plan: Plan, options: RenderOptions): string => {
  const diagnostics = mergeDiagnostics(options.validationDiagnostics ?? [], plan.diagnostics);
  const errors = countErrors(diagnostics);
  const target = options.target ?? 'comment';
  const limit = LIMITS[target];
  return fitToLength(
    {
      head: head(plan, options, errors, diagnostics),
      problems: (budget) =>
        renderProblems(
          diagnostics.filter((d) => d.prominent !== true),
          budget,
        ),
      sections: [
        ...renderAccessSections(plan.groups, plan.access, atOf(plan)),
        ...renderRoleChangeSections(plan.access),
        ...stackSections(plan.stacks),
        ...renderMasterSections(plan.masterAccountId, plan.groups),
        ...renderExpiredGrants(plan.groups, atOf(plan)),
      ],
      truncationNote: truncationNote(target, options.runUrl),
      shortNote: shortNote(target),
    },
    options.maxLength ?? limit.maxLength,
    limit.measure,
  );
};
