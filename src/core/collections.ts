// Small helpers for ordering and grouping, shared by the core and its renderers.

/** Code-point order: stable whatever the locale of the runner. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Adds `value` to the list under `key`. */
export const append = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};
