// The repository as it is on a pull request's base commit, through the same loader as the
// head: the base config is parsed by the one config parser, and names its own template and
// user map. `absent` when the base has no config (the first pull request); `unreadable` when
// it could not be read, or does not load cleanly (then nothing is compared with it).
import { hasErrors } from '../core/diagnostics.ts';
import { loadRepository } from '../core/load-repository.ts';
import type { Repository } from '../core/load-repository.ts';
import type { RegionSources } from '../core/region.ts';
import { BaseUnreadable } from './base-reader.ts';
import type { AsyncFileReader } from './read-through.ts';
import { readThrough } from './read-through.ts';

export type BaseRepository =
  | { readonly kind: 'loaded'; readonly repository: Repository }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unreadable'; readonly reason: string };

/**
 * What the base gives: `of` its files when they loaded, `none` when it has no RoleModel files
 * (everything is new), undefined when it could not be read or is not known (nothing is compared).
 */
export const fromBase = <T>(
  base: BaseRepository | undefined,
  of: (files: Repository) => T,
  none: NoInfer<T>,
): T | undefined =>
  base?.kind === 'loaded' ? of(base.repository) : base?.kind === 'absent' ? none : undefined;

export const loadBaseRepository = async (
  read: AsyncFileReader,
  configPath: string,
  regions: RegionSources,
  now: Date,
): Promise<BaseRepository> => {
  const reads = new Map<string, ReturnType<AsyncFileReader>>();
  const once: AsyncFileReader = (path) =>
    reads.get(path) ?? reads.set(path, read(path)).get(path) ?? read(path);
  try {
    if ((await once(configPath)) === undefined) return { kind: 'absent' };
    const { repository, diagnostics } = await readThrough(once, (reader) =>
      loadRepository(reader, configPath, regions, now),
    );
    if (repository === undefined || hasErrors(diagnostics)) {
      const first = diagnostics.find((d) => d.severity === 'error');
      // Only where: the message may quote the base's files.
      return {
        kind: 'unreadable',
        reason: first ? `${first.file}:${first.line} does not load` : 'it does not load',
      };
    }
    return { kind: 'loaded', repository };
  } catch (e) {
    if (e instanceof BaseUnreadable) return { kind: 'unreadable', reason: e.message };
    throw e;
  }
};
