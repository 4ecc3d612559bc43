// The plan as one Markdown document: the PR comment (within GitHub's size limit) and,
// with a larger limit, the job summary. Summary first, details folded, in the spirit of
// Atlantis and tfcmt.
import type { Diagnostic } from '../diagnostics.ts';
import type { Plan, StackPlan } from '../plan/types.ts';
import { renderAccessSections } from './access-section.ts';
import { renderAccessWarnings } from './access-warnings.ts';
import { fitToLength } from './limit.ts';
import { renderMasterSections } from './master-section.ts';
import { mergeDiagnostics, renderProblems } from './problems.ts';
import { renderStackSections, renderUnchangedAccounts } from './stack-section.ts';
import { renderRoleChangeSections } from './role-changes.ts';
import { renderPlanSummaryLine } from './summary-line.ts';
import { renderWarnings } from './warnings.ts';

// The entry point of rendering: what callers need, from one module.
export { renderForkNote } from './fork-note.ts';
export { renderPlanSummaryLine };

export interface RenderOptions {
  /** Goes in the hidden marker, so that a later run can tell which commit was planned. */
  readonly headSha?: string;
  /** Link to the workflow run, where the job summary holds the full plan. */
  readonly runUrl?: string;
  /** Defaults to 65,000: GitHub refuses comments over 65,536 characters. */
  readonly maxLength?: number;
  /** Problems in the files, shown first. */
  readonly validationDiagnostics?: readonly Diagnostic[];
}

/** Finds the one plan comment of a PR again. */
export const PLAN_MARKER = '<!-- rolemodel-plan -->';

export const DEFAULT_MAX_LENGTH = 65_000;

/** Only what a commit id can hold, so that nothing can close the HTML comment. */
const shaMarker = (sha: string): string => `<!-- rolemodel-plan-sha: ${sha.replace(/[^0-9A-Za-z]/g, '')} -->`;

/** The hidden lines every plan comment starts with, whatever its body. */
export const markerLines = (sha: string | undefined): string[] => [
  PLAN_MARKER,
  ...(sha ? [shaMarker(sha)] : []),
];

/** A link only when the URL cannot break out of Markdown's link syntax. */
const jobSummary = (runUrl: string | undefined): string =>
  runUrl !== undefined && /^https:\/\/[^\s()<>[\]]+$/.test(runUrl)
    ? `[job summary](${runUrl})`
    : 'job summary of this run';

const truncationNote =
  (runUrl: string | undefined) =>
  (shown: number, total: number): string =>
    `✂️ **The plan was truncated** to fit in a comment: ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} sections shown. The full plan is in the ${jobSummary(runUrl)} and in the \`plan-json\` output.`;

const head = (plan: Plan, options: RenderOptions, errors: number): string => {
  const summary = { ...plan.summary, errors: Math.max(plan.summary.errors, errors) };
  return [
    ...markerLines(options.headSha),
    '',
    '## RoleModel plan',
    '',
    renderPlanSummaryLine(summary),
    // Escalations first: the one thing a reviewer must not miss, and never truncated.
    ...[...renderAccessWarnings(plan.access), ...renderWarnings(plan.stacks)].flatMap((w) => ['', w]),
  ].join('\n');
};

const stackSections = (stacks: readonly StackPlan[]): string[] => {
  const unchanged = stacks.filter((s) => s.action === 'no-change');
  const changing = stacks.filter((s) => s.action !== 'no-change');
  return [
    ...(unchanged.length > 0 ? [renderUnchangedAccounts(unchanged)] : []),
    ...changing.flatMap(renderStackSections),
  ];
};

export const renderPlan = (plan: Plan, options: RenderOptions): string => {
  const diagnostics = mergeDiagnostics(options.validationDiagnostics ?? [], plan.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return fitToLength(
    {
      head: head(plan, options, errors),
      problems: (budget) => renderProblems(diagnostics, budget),
      sections: [
        ...renderAccessSections(plan.groups, plan.access),
        ...renderRoleChangeSections(plan.access),
        ...stackSections(plan.stacks),
        ...renderMasterSections(plan.masterAccountId, plan.groups),
      ],
      truncationNote: truncationNote(options.runUrl),
      shortNote: '✂️ Truncated: the full plan is in the job summary.',
    },
    options.maxLength ?? DEFAULT_MAX_LENGTH,
  );
};
