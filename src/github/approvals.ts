// What GitHub says about a pull request's approvals: its reviews, and whether a reviewer is
// in a team. The default GITHUB_TOKEN cannot read an organisation's teams; that is reported
// as `unreadable`, never taken for "not a member".
import type { Membership, Review } from '../core/approvals/verdict.ts';
import type { RepositoryRef } from '../run-context.ts';
import type { GitHubClient } from './client.ts';
import { httpStatus } from './client.ts';

export const pullRequestReviews = async (
  client: GitHubClient,
  repository: RepositoryRef,
  pullRequest: number,
): Promise<Review[]> => {
  const reviews = await client.paginate(client.rest.pulls.listReviews, {
    ...repository,
    pull_number: pullRequest,
    per_page: 100,
  });
  return reviews.flatMap((r) =>
    r.user?.login === undefined
      ? []
      : [{ user: r.user.login, state: r.state, commitId: r.commit_id ?? undefined }],
  );
};

export const teamMembership = async (
  client: GitHubClient,
  team: { readonly org: string; readonly slug: string },
  user: string,
): Promise<Membership> => {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({
      org: team.org,
      team_slug: team.slug,
      username: user,
    });
    return data.state === 'active' ? 'member' : 'not-member';
  } catch (e) {
    return httpStatus(e) === 404 ? 'not-member' : 'unreadable';
  }
};
