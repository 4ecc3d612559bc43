// The config keys that name files of the repository, and the one way a path written there
// becomes something the loader may read: proven inside the repository and outside `.git/`
// (RepositoryPath), or an error on the config's line and nothing is opened.
import { error } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import { repositoryPathFrom } from '../repository-path.ts';
import type { RepositoryPath } from '../repository-path.ts';
import { kindOf, positionOf, scalarValue } from '../yaml/nodes.ts';
import type { MapEntry, YamlFile } from '../yaml/nodes.ts';

/** Every key of the config whose value is a file path. A new file key goes here and nowhere else. */
export const FILE_KEYS = ['assumable_roles', 'users', 'teams'] as const;
export type FileKey = (typeof FILE_KEYS)[number];

export interface FileReference {
  readonly key: FileKey;
  /** Path as written, relative to the config file. */
  readonly written: string;
  /** Path relative to the repository root, checked. */
  readonly path: RepositoryPath;
  /** Where the path is written in the config. */
  readonly position: Position;
}

const HINT =
  "Write a path relative to the config file's folder that stays inside the repository and outside `.git/`, e.g. `roles.yml`; a symbolic link must not lead elsewhere.";

/** The error for a path that does not name a file of this repository; the path is not repeated. */
export const notInRepository = (key: FileKey, at: Position, reason: string): Diagnostic =>
  error(at, `\`${key}\` must name a file in this repository: ${reason}.`, HINT);

/**
 * The file a key names, when its value is a string; an error when that path is not inside the
 * repository. `undefined` without a diagnostic when the key is absent, empty or not a string
 * (the schema check reports those).
 */
export const fileReference = (
  yaml: YamlFile,
  key: FileKey,
  entry: MapEntry | undefined,
): { reference: FileReference | undefined; diagnostics: Diagnostic[] } => {
  if (!entry || kindOf(yaml, entry.valueNode) !== 'string') return { reference: undefined, diagnostics: [] };
  const written = String(scalarValue(yaml, entry.valueNode));
  if (written === '') return { reference: undefined, diagnostics: [] };
  const position = positionOf(yaml, entry.valueNode);
  const checked = repositoryPathFrom(yaml.file, written);
  if (!checked.ok)
    return { reference: undefined, diagnostics: [notInRepository(key, position, checked.reason)] };
  return { reference: { key, written, path: checked.path, position }, diagnostics: [] };
};
