// The ends of the grants a base commit's files give (a pull request's base, or the default
// branch a push replaced): a change that moves an end is shown, and one that moves it later
// is a widening apply checks against the reviewed plans.
import { grantEndsOf } from '../core/users/base-members.ts';
import { fromBase } from '../io/base-repository.ts';
import type { BaseRepository } from '../io/base-repository.ts';

/** Group -> user -> end; an absent base has no grants; undefined when the base is unknown. */
export const baseEndsOf = (base: BaseRepository | undefined) =>
  fromBase(base, (files) => grantEndsOf(files.users, files.teams), new Map());
