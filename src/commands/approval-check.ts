// Whether a pull request has the approvals its escalations need, asked of GitHub: the rules
// of the base branch's config, the escalations its reviewed plan recorded, its reviews, and
// the members of the teams that approve.
import type { ApprovalRules, Approver } from '../core/approvals/types.ts';
import { approversOfHead, approvalVerdict, guardedEscalations } from '../core/approvals/verdict.ts';
import type { ApprovalVerdict, Membership } from '../core/approvals/verdict.ts';
import type { ReviewedEscalation } from '../core/review/fingerprint.ts';
import { pullRequestReviews, teamMembership } from '../github/approvals.ts';
import type { RunContext } from '../run-context.ts';
import type { Services } from './services.ts';

export interface ApprovalQuestion {
  /** The base branch's rules: a pull request cannot name its own approvers. */
  readonly rules: ApprovalRules;
  readonly escalations: readonly ReviewedEscalation[];
  /** The pull request changes the `approvals:` block itself. */
  readonly approvalsChanged: boolean;
  readonly pullRequest: number;
  readonly headSha: string;
  readonly author: string | undefined;
}

/** Two versions of the rules say the same. */
export const sameRules = (a: ApprovalRules, b: ApprovalRules): boolean =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

type Team = Extract<Approver, { kind: 'team' }>;

export const checkApprovals = async (
  context: RunContext,
  services: Services,
  question: ApprovalQuestion,
): Promise<ApprovalVerdict> => {
  const guarded = guardedEscalations(question.rules, question.escalations, question.approvalsChanged);
  const { github } = services;
  const { repository } = context;
  if (guarded.length === 0 || github === undefined || repository === undefined)
    return approvalVerdict({
      guarded,
      reviews: [],
      headSha: question.headSha,
      author: question.author,
      membership: () => 'unreadable',
    });
  const reviews = await pullRequestReviews(github, repository, question.pullRequest);
  const approving = approversOfHead(reviews, question.headSha, question.author);
  const teams = [
    ...new Map(
      guarded
        .flatMap((g) => g.approvers.filter((a): a is Team => a.kind === 'team'))
        .map((t) => [`${t.org}/${t.slug}`, t]),
    ).values(),
  ];
  const memberships = new Map<string, Membership>();
  await Promise.all(
    teams.flatMap((team) =>
      approving.map(async (user) => {
        memberships.set(
          `${team.org}/${team.slug}:${user.toLowerCase()}`,
          await teamMembership(github, team, user),
        );
      }),
    ),
  );
  return approvalVerdict({
    guarded,
    reviews,
    headSha: question.headSha,
    author: question.author,
    membership: (team, user) =>
      memberships.get(`${team.org}/${team.slug}:${user.toLowerCase()}`) ?? 'unreadable',
  });
};
