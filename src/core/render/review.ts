// What apply found against the reviewed plans: in the job summary of the apply, and in the
// comment it leaves on the merged pull request when it refused.
import type { ApplyReport, ReviewCheck } from '../report/types.ts';
import type { Widening } from '../review/classify.ts';
import { unreviewedOf } from '../review/classify.ts';
import { code, escapeMarkdown } from './escape.ts';
import { plural, tableHeader, tableRow } from './markdown.ts';

/** Finds the apply's comment on a merged pull request again. */
export const APPLY_MARKER = '<!-- rolemodel-apply -->';

const KIND_TEXT: Readonly<Record<Widening['kind'], string>> = {
  grant: 'gains',
  level: 'keeps, at a higher level,',
  extended: 'keeps, longer,',
  role: 'policies or trust widen:',
};

const who = (w: Widening): string =>
  w.user === undefined ? '_every holder_' : `**${escapeMarkdown(w.user)}**`;

const wideningRow = (w: Widening): string =>
  tableRow([
    who(w),
    `${KIND_TEXT[w.kind]} ${code(`${w.account}.${w.role}`)}`,
    code(w.level),
    escapeMarkdown(w.unreviewed ?? ''),
  ]);

const prs = (review: ReviewCheck): string =>
  review.reviewed.length === 0
    ? 'no merged pull request'
    : review.reviewed.map((r) => `#${r.pullRequest}`).join(', ');

/** The unreviewed widenings as a table: who, what, which level, and why no plan covered it. */
export const renderUnreviewed = (widenings: readonly Widening[]): string =>
  [
    ...tableHeader(['Who', 'What', 'Level', 'Why it was not reviewed']),
    ...unreviewedOf(widenings).map(wideningRow),
  ].join('\n');

const HOW_TO_GO_ON =
  'To go on, open a pull request from the default branch as it is now: its plan shows these changes, and merging it once reviewed applies everything. To undo them instead, revert the change in a pull request.';

/** The apply's section about review: what it checked, and what it refused or applied anyway. */
export const renderReviewSection = (report: ApplyReport): string => {
  const { review } = report.outcome === 'plan-errors' ? { review: undefined } : report;
  if (review === undefined) return '';
  const unreviewed = unreviewedOf(review.widenings);
  const checked = `Reviewed plans: ${prs(review)}; ${plural(review.widenings.length, 'widening')} of access checked.`;
  if (unreviewed.length === 0) return `### Review\n\n✅ ${checked} Every one was shown by a reviewed plan.\n`;
  const lead =
    report.outcome === 'unreviewed'
      ? `⛔ **${plural(unreviewed.length, 'widening')} of access that no reviewed plan showed; nothing was applied.** ${checked}`
      : `⚠️ **${plural(unreviewed.length, 'widening')} of access that no reviewed plan showed, applied anyway** (\`unreviewed: warn\`). ${checked}`;
  return [
    `### Review`,
    '',
    lead,
    '',
    renderUnreviewed(review.widenings),
    '',
    ...(report.outcome === 'unreviewed' ? [HOW_TO_GO_ON, ''] : []),
  ].join('\n');
};

/** The comment left on each merged pull request when apply refused. */
export const renderRefusalComment = (report: ApplyReport, runUrl: string | undefined): string => {
  const link =
    runUrl !== undefined && /^https:\/\/[^\s()<>[\]]+$/.test(runUrl) ? ` ([the apply run](${runUrl}))` : '';
  const widenings = report.outcome === 'plan-errors' ? [] : report.review.widenings;
  return [
    APPLY_MARKER,
    '',
    `## RoleModel apply refused${link}`,
    '',
    `⛔ Merging did not change AWS: ${plural(unreviewedOf(widenings).length, 'widening')} of access that no reviewed plan showed.`,
    '',
    renderUnreviewed(widenings),
    '',
    HOW_TO_GO_ON,
    '',
  ].join('\n');
};
