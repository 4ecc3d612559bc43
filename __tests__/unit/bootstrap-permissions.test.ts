// The bootstrap roles a user deploys grant what the action calls, and nothing more: every SDK
// call in src/aws is allowed to the deployer role of the account it goes to, and every action
// those policies allow on the master account's IAM and on the RoleModel stack is one the code
// makes. Adding a call without its permission (or leaving a permission behind) fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { importsOf } from '../../scripts/import-cycles.ts';
import { parse } from 'yaml';
import { cfnCustomTags } from '../../src/core/yaml/cfn-tags.ts';
import { REPO_ROOT } from '../support/harness/paths.ts';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

/**
 * The action's own modules: those src/index.ts imports, directly or not. The command line's
 * (src/cli and what only it imports) run with a person's own credentials, not the deployer role.
 */
const actionFiles = (): string[] => {
  const texts = new Map(
    files(join(REPO_ROOT, 'src')).map((f) => [relative(REPO_ROOT, f), readFileSync(f, 'utf8')]),
  );
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !texts.has(file)) return;
    seen.add(file);
    for (const next of importsOf(file, texts.get(file) ?? '')) visit(next);
  };
  visit('src/index.ts');
  return [...seen].map((f) => join(REPO_ROOT, f));
};

/** `iam:CreateGroup`, ... for every command, paginator and waiter the source uses, by service. */
const callsMade = (): Set<string> => {
  const calls = new Set<string>();
  const waiters: Record<string, string> = {
    waitUntilChangeSetCreateComplete: 'DescribeChangeSet',
    waitUntilStackCreateComplete: 'DescribeStacks',
    waitUntilStackUpdateComplete: 'DescribeStacks',
    waitUntilStackDeleteComplete: 'DescribeStacks',
  };
  for (const file of actionFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /import \{([^}]*)\} from '@aws-sdk\/client-(iam|cloudformation|sts)'/g,
    )) {
      const service = match[2] ?? '';
      for (const raw of (match[1] ?? '').split(',')) {
        const name = raw.trim();
        const used = (n: string) => new RegExp(`\\b${n}\\b`).test(text.replace(match[0], ''));
        if (!used(name)) continue;
        const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1] ?? waiters[name];
        if (op) calls.add(`${service}:${op}`);
      }
    }
    // Chained credentials: AssumeRole from the master role into each account's deployer role.
    if (/fromTemporaryCredentials\(/.test(text)) calls.add('sts:AssumeRole');
  }
  return calls;
};

interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
}
interface Template {
  readonly Resources: Record<
    string,
    { Type: string; Properties?: { Policies?: { PolicyDocument: { Statement: Statement[] } }[] } }
  >;
}

/** Actions the template's deployer role policies allow. */
const allowed = (file: string): Set<string> => {
  const template = parse(readFileSync(join(REPO_ROOT, 'samples', 'bootstrap', file), 'utf8'), {
    customTags: cfnCustomTags,
  }) as Template;
  const role = Object.values(template.Resources).find((r) => r.Type === 'AWS::IAM::Role');
  return new Set(
    (role?.Properties?.Policies ?? []).flatMap((p) =>
      p.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    ),
  );
};

const made = callsMade();
const master = allowed('master-account.yml');
const assumable = allowed('assumable-account.yml');

test('the source makes the calls this test expects to find (the scan works)', () => {
  expect(made).toContain('iam:DetachGroupPolicy');
  expect(made).toContain('iam:GetAccountAuthorizationDetails');
  expect(made).toContain('cloudformation:GetTemplate');
  expect(made).toContain('sts:AssumeRole');
});

test('every IAM and STS call is allowed to the master deployer role, and it is allowed nothing else', () => {
  const needed = [...made].filter((c) => c.startsWith('iam:') || c.startsWith('sts:')).sort();
  expect([...master].sort()).toEqual(needed);
});

test('every CloudFormation call is allowed to the assumable deployer role, and no other CloudFormation action', () => {
  const needed = [...made].filter((c) => c.startsWith('cloudformation:')).sort();
  expect([...assumable].filter((a) => a.startsWith('cloudformation:')).sort()).toEqual(needed);
});
