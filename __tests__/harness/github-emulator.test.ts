// The GitHub emulator driven through the real clients the action uses.
import { getIDToken } from '@actions/core';
import { getOctokit } from '@actions/github';
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { GitHubEmulator } from '../support/github-emulator/index.ts';
import { decodeJwtPayload, MAX_COMMENT_BODY, startGitHubEmulator } from '../support/github-emulator/index.ts';

const OWNER = 'octo-org';
const REPO = 'infra';

let emu: GitHubEmulator;

beforeAll(async () => {
  emu = await startGitHubEmulator({ repositories: [`${OWNER}/${REPO}`] });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.reset();
});

const octokit = (token = emu.token) => getOctokit(token, { baseUrl: emu.url });

const statusOf = async (p: Promise<unknown>): Promise<number> => {
  try {
    await p;
    return 0;
  } catch (err: unknown) {
    return typeof err === 'object' && err !== null && 'status' in err ? Number(err.status) : -1;
  }
};

describe('issue comments', () => {
  it('paginates over several pages with Link headers', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 7 });
    const seeds = Array.from({ length: 75 }, (_, i) => ({
      body: `comment ${i}`,
      user: i % 2 ? 'alice' : 'bob',
    }));
    expect(emu.seedComments(OWNER, REPO, 7, seeds)).toHaveLength(75);

    const all = await octokit().paginate(octokit().rest.issues.listComments, {
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      per_page: 20,
    });

    expect(all.map((c) => c.body)).toEqual(seeds.map((s) => s.body));
    expect(all[1]?.user?.login).toBe('alice');
    expect(emu.callCount({ method: 'GET', path: `/repos/${OWNER}/${REPO}/issues/7/comments` })).toBe(4);
    const first = await octokit().rest.issues.listComments({
      owner: OWNER,
      repo: REPO,
      issue_number: 7,
      per_page: 20,
    });
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=4>; rel="last"');
  });

  it('creates, updates and deletes a comment as the Actions bot', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 3 });
    const gh = octokit();
    const created = await gh.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 3,
      body: 'plan v1',
    });
    expect(created.status).toBe(201);
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect(created.data.html_url).toContain(`/pull/3#issuecomment-${created.data.id}`);
    expect(created.data.node_id).toMatch(/^IC_/);

    const updated = await gh.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.data.id,
      body: 'plan v2',
    });
    expect(updated.data.body).toBe('plan v2');
    expect(emu.comments(OWNER, REPO, 3).map((c) => c.body)).toEqual(['plan v2']);

    const deleted = await gh.rest.issues.deleteComment({
      owner: OWNER,
      repo: REPO,
      comment_id: created.data.id,
    });
    expect(deleted.status).toBe(204);
    expect(emu.comments(OWNER, REPO, 3)).toEqual([]);
    expect(
      await statusOf(gh.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: created.data.id })),
    ).toBe(404);
  });

  it('answers 404 for unknown repositories and issues', async () => {
    const gh = octokit();
    expect(
      await statusOf(gh.rest.issues.listComments({ owner: 'nobody', repo: 'nothing', issue_number: 1 })),
    ).toBe(404);
    expect(
      await statusOf(gh.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 99, body: 'x' })),
    ).toBe(404);
  });

  it('rejects a bad token with 401 Bad credentials', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 1 });
    const err = await octokit('ghs_wrong')
      .rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 1 })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } });
  });

  it('rejects a body over 65,536 characters with 422 Validation Failed', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 2 });
    const gh = octokit();
    const err = await gh.rest.issues
      .createComment({ owner: OWNER, repo: REPO, issue_number: 2, body: 'x'.repeat(MAX_COMMENT_BODY + 1) })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data' }],
        },
      },
    });
    const ok = await gh.rest.issues.createComment({
      owner: OWNER,
      repo: REPO,
      issue_number: 2,
      body: 'x'.repeat(MAX_COMMENT_BODY),
    });
    expect(ok.status).toBe(201);
  });

  it('fails requests on demand and forbids writes with the read-only token', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 4 });
    emu.failRequests({ method: 'POST', times: 1 });
    const gh = octokit();
    const err = await gh.rest.issues
      .createComment({ owner: OWNER, repo: REPO, issue_number: 4, body: 'x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });
    expect(
      (await gh.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 4, body: 'x' })).status,
    ).toBe(201);
    const readOnly = octokit(emu.readOnlyToken);
    expect(
      (await readOnly.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: 4 })).data,
    ).toHaveLength(1);
    expect(
      await statusOf(
        readOnly.rest.issues.createComment({ owner: OWNER, repo: REPO, issue_number: 4, body: 'y' }),
      ),
    ).toBe(403);
    expect(emu.requestLog({ status: 403 }).map((e) => e.principal)).toEqual(['write', 'read-only']);
  });
});

describe('pull requests, labels and reviewers', () => {
  it('serves the PR and records labels and reviewers', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, {
      number: 5,
      headSha: 'a'.repeat(40),
      headRepo: 'fork-user/infra',
    });
    const gh = octokit();
    const pr = await gh.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 5 });
    expect(pr.data.head.sha).toBe('a'.repeat(40));
    expect(pr.data.head.repo?.full_name).toBe('fork-user/infra');
    expect(pr.data.base.repo.full_name).toBe(`${OWNER}/${REPO}`);

    await gh.rest.issues.addLabels({ owner: OWNER, repo: REPO, issue_number: 5, labels: ['rolemodel:plan'] });
    await gh.rest.pulls.requestReviewers({ owner: OWNER, repo: REPO, pull_number: 5, reviewers: ['alice'] });
    expect(emu.labels(OWNER, REPO, 5)).toEqual(['rolemodel:plan']);
    expect(emu.requestedReviewers(OWNER, REPO, 5)).toEqual({ users: ['alice'], teams: [] });
  });
});

describe('issues', () => {
  it('creates an issue with labels as the Actions bot, numbered after the pull requests, and gets it', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 7 });
    const gh = octokit();
    const created = await gh.rest.issues.create({
      owner: OWNER,
      repo: REPO,
      title: 'Drift',
      body: '<!-- marker -->\nbody',
      labels: ['rolemodel-drift'],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 8,
      state: 'open',
      title: 'Drift',
      body: '<!-- marker -->\nbody',
      user: { login: 'github-actions[bot]', type: 'Bot' },
      labels: [expect.objectContaining({ name: 'rolemodel-drift' })],
    });
    expect(created.data.html_url).toBe(`https://github.com/${OWNER}/${REPO}/issues/8`);
    const got = await gh.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: 8 });
    expect(got.data.body).toBe('<!-- marker -->\nbody');
    expect(emu.issues(OWNER, REPO).map((i) => i.number)).toEqual([8]);
  });

  it('lists open issues by label across pages (pull requests included, as GitHub does), newest first', async () => {
    emu.addPullRequest(`${OWNER}/${REPO}`, { number: 1 });
    for (let i = 0; i < 45; i++)
      emu.seedIssue(`${OWNER}/${REPO}`, { title: `t${i}`, labels: i % 3 === 0 ? ['drift', 'x'] : ['other'] });
    emu.seedIssue(`${OWNER}/${REPO}`, { title: 'closed', labels: ['drift'], state: 'closed' });
    const gh = octokit();
    const all = await gh.paginate(gh.rest.issues.listForRepo, {
      owner: OWNER,
      repo: REPO,
      state: 'open',
      labels: 'Drift',
      per_page: 5,
    });
    expect(all.map((i) => i.title)).toEqual(Array.from({ length: 15 }, (_, k) => `t${(14 - k) * 3}`));
    expect(emu.callCount({ method: 'GET', path: `/repos/${OWNER}/${REPO}/issues` })).toBe(3);
    const everything = await gh.paginate(gh.rest.issues.listForRepo, {
      owner: OWNER,
      repo: REPO,
      state: 'all',
    });
    expect(everything).toHaveLength(47);
    expect(everything.filter((i) => i.pull_request !== undefined).map((i) => i.number)).toEqual([1]);
  });

  it('updates the body in place, closes with a reason and reopens', async () => {
    const number = emu.seedIssue(`${OWNER}/${REPO}`, { title: 'Drift', body: 'v1', user: 'alice' });
    const gh = octokit();
    const updated = await gh.rest.issues.update({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
      body: 'v2',
    });
    expect(updated.data).toMatchObject({ body: 'v2', state: 'open', user: { login: 'alice', type: 'User' } });
    const closed = await gh.rest.issues.update({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
      state: 'closed',
      state_reason: 'completed',
    });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(closed.data.closed_at).not.toBeNull();
    const open = await gh.rest.issues.listForRepo({ owner: OWNER, repo: REPO });
    expect(open.data).toEqual([]);
    const reopened = await gh.rest.issues.update({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
      state: 'open',
    });
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
  });

  it('refuses a missing title, an oversized body, and writes with the read-only token', async () => {
    const gh = octokit();
    expect(await statusOf(gh.rest.issues.create({ owner: OWNER, repo: REPO, title: '' }))).toBe(422);
    expect(
      await statusOf(
        gh.rest.issues.create({
          owner: OWNER,
          repo: REPO,
          title: 'x',
          body: 'a'.repeat(MAX_COMMENT_BODY + 1),
        }),
      ),
    ).toBe(422);
    expect(
      await statusOf(octokit(emu.readOnlyToken).rest.issues.create({ owner: OWNER, repo: REPO, title: 'x' })),
    ).toBe(403);
    expect(await statusOf(gh.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: 99 }))).toBe(404);
  });
});

describe('OIDC token endpoint', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // getIDToken logs ::debug:: and ::add-mask:: lines to stdout; keep the test output clean.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });

  it('gives @actions/core getIDToken a GitHub-shaped JWT for the audience', async () => {
    const job = emu.registerOidcJob({ repository: `${OWNER}/${REPO}`, eventName: 'pull_request' });
    process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] = job.requestUrl;
    process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = job.requestToken;

    const jwt = await getIDToken('sts.amazonaws.com');

    expect(jwt.split('.')).toHaveLength(3);
    expect(decodeJwtPayload(jwt)).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: `repo:${OWNER}/${REPO}:pull_request`,
      repository: `${OWNER}/${REPO}`,
    });
    const [header = '', payload = '', signature = ''] = jwt.split('.');
    const [jwk] = emu.oidcJwks().keys;
    const key = createPublicKey({ key: jwk ?? {}, format: 'jwk' });
    expect(
      verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    expect(emu.requestLog({ path: '/_services/oidc/idtoken' })[0]).toMatchObject({
      status: 200,
      query: { audience: 'sts.amazonaws.com' },
    });
  });

  it('refuses a wrong request token', async () => {
    process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] = emu.oidcUrl;
    process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = 'not-the-token';
    await expect(getIDToken('sts.amazonaws.com')).rejects.toThrow(/Failed to get ID Token/);
  });
});
