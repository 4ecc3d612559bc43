// The RoleModel files as the command line finds them: the config given (or rolemodel.yml),
// read through the same loader as the action from the root of its git repository (else its
// folder), with paths shown relative to where the person is, the original CLI's profile keys,
// and optionally another user map (`sync_users users.yml`).
import { repositoryPath } from '../core/repository-path.ts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isIgnoredKeyWarning, readProfileKeys } from '../core/config/cli-keys.ts';
import type { ProfileKeys } from '../core/config/cli-keys.ts';
import { parseConfig } from '../core/config/parse-config.ts';
import { desiredState } from '../core/desired-state.ts';
import { hasErrors, sortDiagnostics } from '../core/diagnostics.ts';
import type { Diagnostic } from '../core/diagnostics.ts';
import { loadRepository } from '../core/load-repository.ts';
import type { FileReader, Repository } from '../core/load-repository.ts';
import { parseUsers } from '../core/users/parse-users.ts';
import { loadYaml } from '../core/yaml/load.ts';
import type { YamlFile } from '../core/yaml/nodes.ts';
import { workspaceReader } from '../io/workspace-reader.ts';
import type { CliContext } from './context.ts';
import { CliError } from './context.ts';

export const DEFAULT_CONFIG = 'rolemodel.yml';

export interface LoadedFiles {
  /** Set when the files are valid. */
  readonly repository: Repository | undefined;
  /** Every problem, files named relative to the current folder. */
  readonly diagnostics: readonly Diagnostic[];
  readonly profiles: ProfileKeys;
  /** The config as the person named it. */
  readonly configShown: string;
  /** A file of the loaded repository, relative to the current folder (for later diagnostics). */
  readonly show: (file: string) => string;
}

/** The config the request names, or undefined when it names none. */
export const configGiven = (ctx: CliContext): string | undefined => {
  const option = ctx.request.options.config;
  return ctx.request.configOperand ?? (typeof option === 'string' ? option : undefined);
};

/** The nearest folder up from `start` that holds `.git`, else `start`: paths stay inside it. */
const repositoryRoot = (start: string): string => {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
};

const posix = (path: string): string => path.split(sep).join('/');

const EMPTY_USER_MAP = new TextEncoder().encode('{}\n');
const USERS_EXAMPLE = 'prod:\n  AdminRole: [alice]';

const configYamlOf = (file: string, bytes: Uint8Array): YamlFile | undefined => {
  const loaded = loadYaml(file, bytes, { example: '' });
  return loaded.ok ? loaded.value : undefined;
};

/** The user map at `shown` instead of the config's, checked against the loaded config and template. */
const withUsers = (
  repository: Repository,
  shown: string,
  bytes: Uint8Array,
): { repository: Repository; diagnostics: Diagnostic[] } => {
  const loaded = loadYaml(shown, bytes, { example: USERS_EXAMPLE });
  if (!loaded.ok) return { repository, diagnostics: [...loaded.diagnostics] };
  const { config, template } = repository;
  const parsed = parseUsers(loaded.value, {
    configFile: config.file,
    accountNames: config.accounts.map((a) => a.name),
    templateFile: config.templateFile,
    roleIds: template.roles.map((r) => r.logicalId),
    policy: config.grants,
  });
  return {
    repository: {
      ...repository,
      config: { ...config, usersFile: shown },
      users: parsed.users,
      desired: desiredState(
        config,
        template,
        parsed.users,
        new Date(repository.desired.at),
        repository.teams,
      ),
    },
    diagnostics: [...loaded.diagnostics, ...parsed.diagnostics],
  };
};

const readOperandFile = (ctx: CliContext, path: string): Uint8Array => {
  try {
    return new Uint8Array(readFileSync(resolve(ctx.cwd, path)));
  } catch (e) {
    throw new CliError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
};

export const loadFiles = (ctx: CliContext, config: string, usersOverride?: string): LoadedFiles => {
  const absolute = resolve(ctx.cwd, config);
  if (!existsSync(absolute))
    throw new CliError(
      `${config}: no such file. Run rolemodel in the folder of your RoleModel files, or name the config (rolemodel path/to/rolemodel.yml ${ctx.request.command ?? 'validate'}, or --config PATH).`,
    );
  const root = repositoryRoot(dirname(absolute));
  const configPath = posix(relative(root, absolute));
  const files = workspaceReader(root);
  const checked = repositoryPath(configPath);
  const configBytes = checked.ok ? files(checked.path) : undefined;
  const configYaml = configBytes instanceof Uint8Array ? configYamlOf(configPath, configBytes) : undefined;
  // Another user map replaces the config's, which then is not even read.
  const replaced =
    usersOverride !== undefined && configYaml !== undefined
      ? parseConfig(configYaml).parsed.users?.path
      : undefined;
  const reader: FileReader = (path) =>
    replaced !== undefined && path === replaced ? EMPTY_USER_MAP : files(path);
  const loaded = loadRepository(reader, configPath, {}, new Date(ctx.now()));
  const profiles = configYaml
    ? readProfileKeys(configYaml)
    : {
        masterProfile: undefined,
        accountProfiles: new Map<string, string>(),
        keyPositions: [],
        diagnostics: [],
      };
  const shown = (file: string): string => posix(relative(ctx.cwd, resolve(root, file))) || file;
  const own = [
    ...loaded.diagnostics.filter((d) => !isIgnoredKeyWarning(d, profiles)),
    ...profiles.diagnostics,
  ].map((d) => ({ ...d, file: shown(d.file) }));
  let repository = loaded.repository;
  const extra: Diagnostic[] = [];
  if (repository !== undefined && usersOverride !== undefined) {
    const swapped = withUsers(repository, usersOverride, readOperandFile(ctx, usersOverride));
    repository = swapped.repository;
    extra.push(...swapped.diagnostics);
  }
  const diagnostics = sortDiagnostics([...own, ...extra]);
  return {
    repository: hasErrors(diagnostics) ? undefined : repository,
    diagnostics,
    profiles,
    configShown: config,
    show: (file) => (file === usersOverride ? file : shown(file)),
  };
};
