// What a report says in the log besides its headline: the escalations a reviewer must not
// miss, and why a fork's pull request got no plan. Plain text; the publisher writes it.
import { unreviewedOf } from '../review/classify.ts';
import { wideningText } from '../review/text.ts';
import type { RunReport } from './types.ts';

export interface LogNote {
  readonly level: 'warning' | 'notice';
  readonly text: string;
}

/** Escalations named in the log line before "...". */
const NAMED = 3;

/** Widenings named in the warning of an apply under `unreviewed: warn`; the summary has them all. */
const NAMED_WIDENINGS = 5;

/** Widenings applied under `unreviewed: warn`: one warning that counts and names the first. */
const appliedUnreviewed = (report: RunReport): LogNote[] => {
  if (report.kind !== 'apply' || report.outcome !== 'applied') return [];
  const unreviewed = unreviewedOf(report.review.widenings);
  if (unreviewed.length === 0) return [];
  const named = unreviewed.slice(0, NAMED_WIDENINGS).map(wideningText);
  const more =
    unreviewed.length > NAMED_WIDENINGS
      ? `; and ${unreviewed.length - NAMED_WIDENINGS} more (job summary)`
      : '';
  return [
    {
      level: 'warning',
      text: `Applied ${unreviewed.length} widening(s) of access without review (unreviewed: warn): ${named.join('; ')}${more}`,
    },
  ];
};

/** What the scheduled run found that someone should act on. */
const expireNotes = (report: RunReport): LogNote[] => {
  if (report.kind !== 'expire' || report.outcome !== 'expired') return [];
  const soon = report.expiring.slice(0, NAMED).map((g) => `${g.user} in ${g.group} (until ${g.until})`);
  return [
    ...(report.differs
      ? [
          {
            level: 'warning' as const,
            text: 'AWS differs from the default branch: the rolemodel-drift issue and the job summary show the plan.',
          },
        ]
      : []),
    ...(report.expiring.length > 0
      ? [
          {
            level: 'notice' as const,
            text: `${report.expiring.length} grant(s) end within ${report.expiringWithin} day(s): ${soon.join('; ')}${report.expiring.length > NAMED ? '; ...' : ''}`,
          },
        ]
      : []),
  ];
};

export const logNotes = (report: RunReport): LogNote[] => {
  if (report.kind === 'apply') return appliedUnreviewed(report);
  if (report.kind === 'expire') return expireNotes(report);
  if (report.kind !== 'plan') return [];
  if (report.outcome === 'fork')
    return [
      {
        level: 'notice',
        text: "Pull request from another repository: the files are valid; the plan against AWS was skipped (a fork's files never run with AWS credentials).",
      },
    ];
  const access = report.outcome === 'planned' ? report.plan.access : undefined;
  if (access === undefined || access.escalations === 0) return [];
  const named = access.warnings.slice(0, NAMED).map((w) => w.message);
  return [
    {
      level: 'warning',
      text: `This change escalates access (${access.escalations} warning(s)): ${named.join('; ')}${access.escalations > NAMED ? '; ...' : ''}`,
    },
  ];
};
