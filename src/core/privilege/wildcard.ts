// IAM wildcards: `*` stands for any run of characters, `?` for one. Actions compare
// without regard to case (as IAM does); resources and principals compare exactly.

const fold = (text: string, ignoreCase: boolean): string => (ignoreCase ? text.toLowerCase() : text);

/**
 * Two-pointer matching with backtracking to the last `*`: linear in practice, and unlike a
 * regular expression built from the pattern it needs no escaping.
 */
const globMatch = (
  pattern: string,
  value: string,
  same: (patternChar: string, valueChar: string) => boolean,
): boolean => {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    const c = pattern[p];
    const x = value[v] ?? '';
    if (c !== undefined && c !== '*' && same(c, x)) {
      p += 1;
      v += 1;
    } else if (c === '*') {
      star = p;
      p += 1;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      v = mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
};

/** Whether a concrete value (an action, an ARN) matches an IAM wildcard pattern. */
export const matches = (pattern: string, value: string, ignoreCase = true): boolean =>
  globMatch(fold(pattern, ignoreCase), fold(value, ignoreCase), (c, x) => c === '?' || c === x);

/**
 * Whether every value `inner` matches is matched by `outer` (`iam:*` covers `iam:Put*`).
 * `inner`'s wildcards are read as symbols: `outer`'s `*` absorbs them, its `?` stands for one
 * character or `?`. Sound (never claims a cover that is not there), which is what a Deny
 * that subtracts needs: a missed cover only keeps a level higher.
 */
export const covers = (outer: string, inner: string, ignoreCase = true): boolean =>
  globMatch(fold(outer, ignoreCase), fold(inner, ignoreCase), (c, x) => (c === '?' ? x !== '*' : c === x));

/** Whether some value matches both patterns (`s3:Get*` and `*Object` do). */
export const overlaps = (a: string, b: string, ignoreCase = true): boolean => {
  const x = fold(a, ignoreCase);
  const y = fold(b, ignoreCase);
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (y.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const ci = x[i];
    const cj = y[j];
    let result: boolean;
    if (ci === undefined && cj === undefined) result = true;
    else if (ci === '*') result = go(i + 1, j) || (cj !== undefined && go(i, j + 1));
    else if (cj === '*') result = go(i, j + 1) || (ci !== undefined && go(i + 1, j));
    else if (ci === undefined || cj === undefined) result = false;
    else result = (ci === '?' || cj === '?' || ci === cj) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
};

/** `*`, `**`, `*:*`: a pattern that matches every action. */
export const isUniversalAction = (pattern: string): boolean => /^\*+(?::\*+)?$/.test(pattern);

/** `*`: a resource pattern that matches every resource. */
export const isUniversalResource = (pattern: string): boolean => /^\*+$/.test(pattern);
