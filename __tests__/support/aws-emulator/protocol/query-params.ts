import { constraintViolation, missingParameter } from '../errors.ts';

/** Read access to a form-encoded AWS Query request body (`Filter.member.1=User`, ...). */
export interface QueryParams {
  readonly action: string;
  readonly version: string;
  string(name: string): string | undefined;
  required(name: string): string;
  int(name: string): number | undefined;
  bool(name: string): boolean | undefined;
  /** `Name.member.N` values in index order. */
  list(name: string): string[];
  /** `Name.member.N.Field` structures in index order. */
  structs(name: string): Record<string, string>[];
  /** Query maps: `Name.entry.N.key` / `Name.entry.N.value`. */
  map(name: string): Record<string, string>;
  entries(): [string, string][];
}

export function parseQueryBody(body: string): QueryParams {
  const values = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) values.set(key, value);
  return createQueryParams(values);
}

function memberIndexes(values: Map<string, string>, prefix: string): Map<number, string[]> {
  const found = new Map<number, string[]>();
  for (const key of values.keys()) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const match = /^(\d+)(?:\.(.+))?$/.exec(rest);
    if (!match?.[1]) continue;
    const index = Number(match[1]);
    const fields = found.get(index) ?? [];
    fields.push(match[2] ?? '');
    found.set(index, fields);
  }
  return found;
}

function sortedIndexes(indexes: Map<number, string[]>): number[] {
  return [...indexes.keys()].sort((a, b) => a - b);
}

function createQueryParams(values: Map<string, string>): QueryParams {
  const get = (name: string): string | undefined => values.get(name);
  return {
    action: get('Action') ?? '',
    version: get('Version') ?? '',
    string: get,
    required(name) {
      const value = get(name);
      if (value === undefined) throw missingParameter(name);
      return value;
    },
    int(name) {
      const value = get(name);
      if (value === undefined || value === '') return undefined;
      const parsed = Number(value);
      if (!Number.isInteger(parsed)) throw constraintViolation(name, value, 'Member must be an integer');
      return parsed;
    },
    bool(name) {
      const value = get(name);
      if (value === undefined) return undefined;
      return value === 'true';
    },
    list(name) {
      const prefix = `${name}.member.`;
      const indexes = memberIndexes(values, prefix);
      return sortedIndexes(indexes).map((i) => get(`${prefix}${i}`) ?? '');
    },
    structs(name) {
      const prefix = `${name}.member.`;
      const indexes = memberIndexes(values, prefix);
      return sortedIndexes(indexes).map((i) => {
        const struct: Record<string, string> = {};
        for (const field of indexes.get(i) ?? []) {
          if (field !== '') struct[field] = get(`${prefix}${i}.${field}`) ?? '';
        }
        return struct;
      });
    },
    map(name) {
      const prefix = `${name}.entry.`;
      const indexes = memberIndexes(values, prefix);
      const out: Record<string, string> = {};
      for (const i of sortedIndexes(indexes)) {
        const key = get(`${prefix}${i}.key`);
        if (key !== undefined) out[key] = get(`${prefix}${i}.value`) ?? '';
      }
      return out;
    },
    entries: () => [...values.entries()],
  };
}
