// The sample workflows and bootstrap templates a user copies must be valid and consistent
// with action.yml.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cfnCustomTags } from '../../src/core/yaml/cfn-tags.ts';
import { REPO_ROOT } from '../support/harness/paths.ts';

const read = (...parts: string[]): unknown =>
  parse(readFileSync(join(REPO_ROOT, ...parts), 'utf8'), { customTags: cfnCustomTags });

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, string>;
}
interface Workflow {
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly jobs: Record<
    string,
    { permissions?: Record<string, string>; steps: Step[]; concurrency?: unknown }
  >;
}

const inputs = Object.keys((read('action.yml') as { inputs: Record<string, unknown> }).inputs);
const workflows = readdirSync(join(REPO_ROOT, 'samples', 'workflows')).filter((f) => f.endsWith('.yml'));

describe.each(workflows)('samples/workflows/%s', (file) => {
  const workflow = read('samples', 'workflows', file) as Workflow;
  const jobs = Object.values(workflow.jobs);
  const actionSteps = jobs.flatMap((j) => j.steps.filter((s) => s.uses?.includes('rolemodel-action')));

  test('uses the action with inputs that action.yml declares', () => {
    expect(actionSteps.length).toBeGreaterThan(0);
    for (const step of actionSteps)
      for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
  });

  test('grants each job the OIDC token and no more than it needs', () => {
    expect(workflow.permissions).toEqual({});
    // The plan comments on pull requests; the scheduled run keeps the drift issue.
    // statuses: the plan's required checks; issues: the scheduled run's drift issue.
    const allowed = file === 'rolemodel-schedule.yml' ? ['issues'] : ['pull-requests', 'statuses'];
    for (const job of jobs) {
      expect(job.permissions?.['id-token']).toBe('write');
      expect(job.permissions?.['contents']).toBe('read');
      const extra = Object.keys(job.permissions ?? {}).filter(
        (k) => !['id-token', 'contents', ...allowed].includes(k),
      );
      expect(extra).toEqual([]);
    }
  });
});

test('apply and the manual commands share one concurrency group', () => {
  const group = (file: string) => {
    const w = read('samples', 'workflows', file) as Workflow;
    return JSON.stringify(w.concurrency ?? Object.values(w.jobs)[0]?.concurrency);
  };
  expect(group('rolemodel-apply.yml')).toContain('rolemodel-apply');
  expect(group('rolemodel-manage.yml')).toBe(group('rolemodel-apply.yml'));
  expect(group('rolemodel-schedule.yml')).toBe(group('rolemodel-apply.yml'));
});

test('the scheduled run expires hourly, may write the drift issue, and runs `expire`', () => {
  const w = read('samples', 'workflows', 'rolemodel-schedule.yml') as Workflow & {
    on: { schedule: { cron: string }[]; workflow_dispatch?: unknown };
  };
  expect(w.on.schedule.map((s) => s.cron)).toEqual([expect.stringMatching(/^\d+ \* \* \* \*$/)]);
  expect(w.on.workflow_dispatch).toBeDefined();
  const job = Object.values(w.jobs)[0];
  expect(job?.permissions?.['issues']).toBe('write');
  const step = job?.steps.find((s) => s.uses?.includes('rolemodel-action'));
  expect(step?.with?.['command']).toBe('expire');
});

test.each(['master-account.yml', 'assumable-account.yml'])(
  'samples/bootstrap/%s is a CloudFormation template with the deployer role',
  (file) => {
    const template = read('samples', 'bootstrap', file) as { Resources: Record<string, { Type: string }> };
    expect(Object.values(template.Resources).some((r) => r.Type === 'AWS::IAM::Role')).toBe(true);
  },
);
