// The scheduled run in Markdown: its job summary (what was removed, what ends soon, grants
// that ended and can be removed from the file, and the default branch against AWS) and the
// body of the one drift issue, found again by its hidden marker.
import type { ExpireReport, ExpireRun, MembershipRemoved } from '../report/types.ts';
import { byText } from '../collections.ts';
import { describeEnd } from '../users/grant-end.ts';
import { cellCode, code, escapeMarkdown } from './escape.ts';
import { renderExpiredGrants } from './expired-section.ts';
import { reportHeading } from './heading.ts';
import { JOB_SUMMARY_MAX_BYTES, utf8Bytes } from './limit.ts';
import { plural, tableRow, tableSections } from './markdown.ts';
import { DEFAULT_MAX_LENGTH, renderPlan } from './plan.ts';

/** Finds the one drift issue again among the issues labelled `rolemodel-drift`. */
export const DRIFT_MARKER = '<!-- rolemodel-drift -->';
export const DRIFT_LABEL = 'rolemodel-drift';
export const DRIFT_TITLE = 'RoleModel: AWS differs from the default branch';

/** Room for the issue's own lines above the plan. */
const ISSUE_MARGIN = 3_000;

const WHY: Readonly<Record<string, string>> = {
  expired: 'grant ended',
  drift: 'added outside git',
};

/** Only a commit id's characters, a link only when it cannot break out of Markdown. */
const commitText = (sha: string | undefined): string =>
  sha === undefined
    ? 'the default branch'
    : `the default branch (${code(sha.replace(/[^0-9A-Za-z]/g, '').slice(0, 12))})`;

const runLink = (runUrl: string | undefined): string =>
  runUrl !== undefined && /^https:\/\/[^\s()<>[\]]+$/.test(runUrl) ? ` ([run](${runUrl}))` : '';

const removedRows = (removed: readonly MembershipRemoved[]): string[] =>
  [...removed]
    .sort((a, b) => byText(a.group, b.group) || byText(a.userName, b.userName))
    .map((r) =>
      tableRow([
        r.state === 'done' ? '✅' : '❌',
        cellCode(r.userName),
        cellCode(r.group),
        WHY[r.origin] ?? r.origin,
        r.state === 'done' ? 'removed' : escapeMarkdown(r.detail ?? 'failed'),
      ]),
    );

const removedSection = (run: ExpireRun): string[] =>
  run.removed.length === 0
    ? [
        `### Memberships removed\n\nNone: no member's grant had ended${run.repairDrift ? ', and no member was added outside git' : ''}.`,
      ]
    : tableSections({
        lead: ['### Memberships removed'],
        headers: ['', 'User', 'Group', 'Why', 'Outcome'],
        rows: removedRows(run.removed),
        label: (from, to, total) =>
          from === 1 && to === total ? plural(total, 'membership') : `Memberships ${from}–${to} of ${total}`,
      });

const expiringSection = (run: ExpireRun): string[] => {
  const lead = `### Grants ending within ${plural(run.expiringWithin, 'day')}`;
  if (run.expiring.length === 0) return [`${lead}\n\nNone.`];
  const at = new Date(run.at);
  return tableSections({
    lead: [lead, '', 'Also in the `expiring` output (JSON), to tell the people concerned.'],
    headers: ['User', 'Group', 'Ends', 'Reason'],
    rows: run.expiring.map((g) =>
      tableRow([
        cellCode(g.user),
        cellCode(g.group),
        escapeMarkdown(describeEnd({ written: g.until, endsAt: g.endsAt }, at)),
        g.reason === undefined ? '' : escapeMarkdown(g.reason),
      ]),
    ),
    label: (from, to, total) =>
      from === 1 && to === total ? plural(total, 'grant') : `Grants ${from}–${to} of ${total}`,
  });
};

const headline = (run: ExpireRun): string => {
  const done = run.removed.filter((r) => r.state === 'done').length;
  const failed = run.removed.length - done;
  const removed =
    run.removed.length === 0
      ? '✅ Nothing to remove.'
      : `${failed > 0 ? '❌' : '✅'} Removed ${plural(done, 'membership')}${failed > 0 ? `; ${failed} could not be removed` : ''}.`;
  const state = run.differs
    ? `⚠️ AWS differs from ${commitText(run.sha)}: the plan below (and the \`${DRIFT_LABEL}\` issue) shows what applying it would change.`
    : `✅ AWS matches ${commitText(run.sha)}.`;
  return `${removed} ${state}`;
};

/** The plan of the default branch against AWS, within what is left of `budget`. */
const driftPlan = (run: ExpireRun, budget: number, target: 'comment' | 'job-summary'): string =>
  renderPlan(run.plan, {
    target,
    maxLength: budget,
    hiddenLines: [],
    ...(run.runUrl === undefined ? {} : { runUrl: run.runUrl }),
  }).replace(/^\n/, '');

export const renderExpireReport = (report: ExpireReport, whole: boolean): string => {
  if (report.outcome === 'aws-unreadable')
    return [
      reportHeading('expire'),
      '',
      `❌ Could not read AWS; nothing was removed and the drift issue was left as it was.`,
      '',
      escapeMarkdown(report.error),
      '',
    ].join('\n');
  const at = new Date(report.at);
  const top = [
    reportHeading('expire'),
    '',
    `As of ${escapeMarkdown(report.at)}${runLink(report.runUrl)}. ${headline(report)}`,
    '',
    ...[
      ...removedSection(report),
      ...expiringSection(report),
      ...renderExpiredGrants(report.plan.groups, at),
    ].flatMap((s) => [s, '']),
  ].join('\n');
  if (!report.differs) return top;
  const left = whole ? Number.MAX_SAFE_INTEGER : JOB_SUMMARY_MAX_BYTES - utf8Bytes(top) - ISSUE_MARGIN;
  return `${top}${driftPlan(report, left, 'job-summary')}`;
};

/** The drift issue's body: what differs, what to do, and the plan. */
export const renderDriftIssue = (run: ExpireRun): string => {
  const intro = [
    DRIFT_MARKER,
    '',
    `AWS differs from ${commitText(run.sha)}, as of ${escapeMarkdown(run.at)}${runLink(run.runUrl)}. Every scheduled run of RoleModel updates this issue, and closes it once they agree.`,
    '',
    `To resolve it, apply the default branch (the \`apply\` command), or open a pull request that makes the files say what AWS has. ${
      run.repairDrift
        ? 'Members added outside git are removed by the scheduled run (`repair-drift: true`).'
        : 'Members added outside git are only reported here; `repair-drift: true` makes the scheduled run remove them.'
    }`,
    '',
  ].join('\n');
  return `${intro}${driftPlan(run, DEFAULT_MAX_LENGTH - intro.length - ISSUE_MARGIN, 'comment')}`;
};

/** Said on the drift issue as it is closed. */
export const renderDriftResolved = (run: ExpireRun): string =>
  `AWS matches ${commitText(run.sha)} again, as of ${escapeMarkdown(run.at)}${runLink(run.runUrl)}: closing.`;
