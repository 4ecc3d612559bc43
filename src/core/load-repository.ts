// Reads and checks the config, the template and the user map, reporting every problem at
// once. Pure but for the injected file reader, so tests can hand it files from memory.
import { notInRepository } from './config/file-reference.ts';
import type { FileReference } from './config/file-reference.ts';
import { parseConfig } from './config/parse-config.ts';
import { desiredState } from './desired-state.ts';
import { error, hasErrors, notice, sortDiagnostics } from './diagnostics.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { DesiredState, RoleModelConfig, RoleTemplate, Teams, UserMap } from './model.ts';
import { foreignConfig, foreignTeams, foreignTemplate, foreignUserMap } from './foreign-file.ts';
import { GROUP_NAME_MAX } from './names.ts';
import { effectiveRegion } from './region.ts';
import type { RegionSources } from './region.ts';
import { repositoryPath } from './repository-path.ts';
import type { RepositoryPath } from './repository-path.ts';
import { ASSUMING_ACCOUNT_PARAMETER, parseTemplate } from './template/parse-template.ts';
import { checkTransforms, transformsOf } from './template/transforms.ts';
import { parseTeams } from './teams/parse-teams.ts';
import { redundantGrants } from './teams/redundant.ts';
import { parseUsers } from './users/parse-users.ts';
import { grantListsOf } from './users/grant-lists.ts';
import { reviewGrantEnds } from './users/grant-review.ts';
import { cfnCustomTags } from './yaml/cfn-tags.ts';
import { loadYaml } from './yaml/load.ts';
import type { YamlFile } from './yaml/nodes.ts';

/**
 * A file's bytes; `undefined` when it does not exist; why it cannot be read; or why it is
 * refused (it resolves outside the repository or into `.git/`), in which case it was not opened.
 */
export type FileRead =
  Uint8Array | undefined | { readonly unreadable: string } | { readonly refused: string };

/** Reads a file of the repository; only checked paths can be asked for. */
export type FileReader = (path: RepositoryPath) => FileRead;

export interface Repository {
  readonly config: RoleModelConfig;
  /** The region the run uses (see core/region.ts); undefined when nothing names one. */
  readonly region: string | undefined;
  readonly template: RoleTemplate;
  readonly users: UserMap;
  /** The teams file's teams; none without one. */
  readonly teams: Teams;
  readonly desired: DesiredState;
}

export interface LoadResult {
  /** Present when the files were read far enough to describe the desired state. */
  readonly repository: Repository | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

const CONFIG_EXAMPLE = `assumable_roles: roles.yml
master_account_id: "123456789012"
assumable_accounts:
  - name: prod
    account_id: "210987654321"`;
const USERS_EXAMPLE = `prod:
  AdminRole: [alice]`;
const TEAMS_EXAMPLE = `sre:
  members: [alice, bob]
  grants:
    '*': [AdminRole]
    staging: [ReadOnlyRole]`;
const TEMPLATE_EXAMPLE = `Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties: ...`;

const CONFIG_INPUT_HINT =
  'Set the `config` input to the path of the RoleModel config file, relative to the repository root.';

/** The problem with a file that could not be read, at the config line that names it. */
const unread = (
  path: string,
  read: Exclude<FileRead, Uint8Array>,
  referencedFrom: FileReference | undefined,
): Diagnostic => {
  const at = referencedFrom?.position ?? { file: path, line: 1, column: 1 };
  if (read !== undefined && 'refused' in read) {
    return referencedFrom
      ? notInRepository(referencedFrom.key, at, read.refused)
      : error(
          at,
          `The \`config\` input must name a file in this repository: ${read.refused}.`,
          CONFIG_INPUT_HINT,
        );
  }
  const why = read === undefined ? 'does not exist' : `cannot be read (${read.unreadable})`;
  return error(
    at,
    `${path} ${why}.`,
    referencedFrom
      ? `Fix the path \`${referencedFrom.written}\` (it is relative to the config file's folder).`
      : CONFIG_INPUT_HINT,
  );
};

/**
 * Reads and parses one of the three files. A file that does not look like what it should be
 * (`foreign`) gets one error that quotes nothing of it, at the line that names it.
 */
const readYaml = (
  reader: FileReader,
  path: RepositoryPath,
  example: string,
  referencedFrom: FileReference | undefined,
  diagnostics: Diagnostic[],
  foreign: (yaml: YamlFile) => Diagnostic | undefined,
  kind: { readonly cfn?: boolean; readonly allowEmpty?: boolean } = {},
): YamlFile | undefined => {
  const bytes = reader(path);
  if (!(bytes instanceof Uint8Array)) {
    diagnostics.push(unread(path, bytes, referencedFrom));
    return undefined;
  }
  const loaded = loadYaml(path, bytes, {
    example,
    ...(kind.cfn ? { customTags: cfnCustomTags } : {}),
    ...(kind.allowEmpty ? { allowEmpty: true } : {}),
  });
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.ok) return undefined;
  // An empty file (allowed for the user map) is nobody's, not a foreign file.
  if (loaded.value.document.contents === null) return loaded.value;
  const problem = foreign(loaded.value);
  if (problem === undefined) return loaded.value;
  diagnostics.push(referencedFrom ? { ...problem, ...referencedFrom.position } : problem);
  return undefined;
};

const checkParameters = (
  config: RoleModelConfig,
  template: RoleTemplate,
  positions: ReadonlyMap<string, { file: string; line: number; column: number }>,
): Diagnostic[] => {
  const out: Diagnostic[] = [];
  const declared = new Set(template.parameters.map((p) => p.name));
  for (const p of template.parameters) {
    if (p.name === ASSUMING_ACCOUNT_PARAMETER || p.hasDefault || config.parameters[p.name] !== undefined)
      continue;
    out.push(
      error(
        p.position,
        `Template parameter ${p.name} has no Default and ${config.file} gives it no value.`,
        `Add it to the config: \`parameters: { ${p.name}: <value> }\`, or give it a \`Default\` in the template.`,
      ),
    );
  }
  for (const [name, at] of positions) {
    if (name === ASSUMING_ACCOUNT_PARAMETER) {
      out.push(
        error(
          at,
          `${ASSUMING_ACCOUNT_PARAMETER} is filled in with master_account_id; it cannot be set here.`,
          'Remove this line.',
        ),
      );
    } else if (!declared.has(name)) {
      out.push(
        error(
          at,
          `Parameter ${name} is not declared in ${template.file}.`,
          `Remove it, or declare it under \`Parameters:\` in the template.`,
        ),
      );
    }
  }
  return out;
};

/** Every account x role group, users or not, and its `<group>-Policy` must fit IAM's 128 characters. */
const checkGroupNames = (config: RoleModelConfig, template: RoleTemplate): Diagnostic[] =>
  config.accounts.flatMap((account) => {
    const longest = template.roles.reduce((a, r) => (r.logicalId.length > a.length ? r.logicalId : a), '');
    const policy = `${account.name}.${longest}-Policy`;
    if (policy.length <= GROUP_NAME_MAX) return [];
    return [
      error(
        account.position,
        `Account name "${account.name}" makes the IAM policy name "${policy}" ${policy.length} characters long; IAM allows ${GROUP_NAME_MAX}.`,
        `Shorten the account name to at most ${GROUP_NAME_MAX - longest.length - '.-Policy'.length} characters (or the role's logical id ${longest}).`,
      ),
    ];
  });

/** The teams file the config names, checked; no teams when it names none or it cannot be read. */
const readTeams = (
  reader: FileReader,
  reference: FileReference | undefined,
  config: RoleModelConfig,
  template: RoleTemplate | undefined,
  diagnostics: Diagnostic[],
): Teams => {
  if (reference === undefined) return [];
  const yaml = readYaml(reader, reference.path, TEAMS_EXAMPLE, reference, diagnostics, foreignTeams, {
    allowEmpty: true,
  });
  if (yaml === undefined) return [];
  if (yaml.document.contents === null) {
    diagnostics.push(
      notice(
        { file: yaml.file, line: 1, column: 1 },
        `${yaml.file} lists no team: every team's group is deleted.`,
        `That is what an empty teams file means. To grant through a team, write e.g.:\n${TEAMS_EXAMPLE}`,
      ),
    );
    return [];
  }
  const result = parseTeams(yaml, {
    configFile: config.file,
    accountNames: config.accounts.map((a) => a.name),
    templateFile: config.templateFile,
    // Without a readable template every role would be "unknown": that check is skipped.
    roleIds: template ? template.roles.map((r) => r.logicalId) : [],
    policy: config.grants,
  });
  diagnostics.push(...result.diagnostics);
  return result.teams;
};

/** The files are a change (a pull request) to a base: the grants it adds are judged against it. */
export interface ChangeReview {
  /** The base's user map and teams (none when the base has no RoleModel yet); undefined when it could not be read. */
  readonly base: { readonly users: UserMap; readonly teams: Teams } | undefined;
}

/**
 * `now` is the run's time: a time-boxed grant that has ended by then grants nothing in the
 * desired state (it stays in `users`, as written). With `change`, the grants the files add
 * are also checked against the base and `now` (see users/grant-review.ts).
 */
export const loadRepository = (
  reader: FileReader,
  configPath: string,
  regions: RegionSources,
  now: Date,
  change?: ChangeReview,
): LoadResult => {
  const diagnostics: Diagnostic[] = [];
  const configFile = repositoryPath(configPath);
  if (!configFile.ok)
    return {
      repository: undefined,
      diagnostics: [unread(configPath, { refused: configFile.reason }, undefined)],
    };
  const configYaml = readYaml(reader, configFile.path, CONFIG_EXAMPLE, undefined, diagnostics, foreignConfig);
  if (!configYaml) return { repository: undefined, diagnostics: sortDiagnostics(diagnostics) };
  const { parsed, diagnostics: configDiagnostics } = parseConfig(configYaml, (written) =>
    effectiveRegion(regions, written),
  );
  diagnostics.push(...configDiagnostics);
  const { config } = parsed;

  const templateYaml = parsed.template
    ? readYaml(
        reader,
        parsed.template.path,
        TEMPLATE_EXAMPLE,
        parsed.template,
        diagnostics,
        foreignTemplate,
        { cfn: true },
      )
    : undefined;
  const templateResult = templateYaml ? parseTemplate(templateYaml) : undefined;
  if (templateResult) {
    diagnostics.push(
      ...templateResult.diagnostics,
      ...checkParameters(config, templateResult.template, parsed.parameterPositions),
      ...checkGroupNames(config, templateResult.template),
      ...(templateYaml
        ? checkTransforms(transformsOf(templateYaml), parsed.transformsAllowed, config.file)
        : []),
    );
  }

  let users: UserMap = new Map();
  const usersYaml = parsed.users
    ? readYaml(
        reader,
        parsed.users.path,
        USERS_EXAMPLE,
        parsed.users,
        diagnostics,
        (yaml) =>
          foreignUserMap(
            yaml,
            config.accounts.map((a) => a.name),
          ),
        { allowEmpty: true },
      )
    : undefined;
  if (usersYaml && usersYaml.document.contents === null) {
    diagnostics.push(
      notice(
        { file: usersYaml.file, line: 1, column: 1 },
        `${usersYaml.file} lists no one: every group is emptied.`,
        `That is what an empty user map means. To give access, write e.g.:\n${USERS_EXAMPLE}`,
      ),
    );
  } else if (usersYaml) {
    const result = parseUsers(usersYaml, {
      configFile: config.file,
      accountNames: config.accounts.map((a) => a.name),
      templateFile: config.templateFile,
      // Without a readable template every role would be "unknown": skip that check.
      roleIds: templateResult ? templateResult.template.roles.map((r) => r.logicalId) : [],
      policy: config.grants,
    });
    diagnostics.push(
      ...(templateResult
        ? result.diagnostics
        : result.diagnostics.filter((d) => !d.message.startsWith('Role "'))),
    );
    users = result.users;
  }

  const teams = readTeams(reader, parsed.teams, config, templateResult?.template, diagnostics);
  if (change !== undefined)
    diagnostics.push(
      ...reviewGrantEnds({
        lists: grantListsOf(users, teams),
        base: change.base === undefined ? undefined : grantListsOf(change.base.users, change.base.teams),
        now,
        policy: config.grants,
        configFile: config.file,
      }),
    );

  if (!templateResult || hasErrors(diagnostics))
    return { repository: undefined, diagnostics: sortDiagnostics(diagnostics) };
  const template = templateResult.template;
  const desired = desiredState(config, template, users, now, teams);
  return {
    repository: {
      config,
      region: effectiveRegion(regions, config.region),
      template,
      users,
      teams,
      desired,
    },
    diagnostics: sortDiagnostics([...diagnostics, ...redundantGrants(users, desired.teams)]),
  };
};
