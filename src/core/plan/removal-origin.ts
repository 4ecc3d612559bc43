// Kept apart from the plan's types so that the access review can name it without a cycle.

/** Where a membership removal comes from. */
export type RemovalOrigin =
  /** The user was removed from the user map in this change. */
  | 'git'
  /** The user is in the group in AWS but was never in the user map: added by hand. */
  | 'drift'
  /** The base version of the user map was not available to tell the two apart. */
  | 'unknown'
  /** The user map still lists the user, but the grant has ended (`until`). */
  | 'expired';
