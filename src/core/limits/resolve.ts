// A template value as CloudFormation will hand it to IAM in one account, as far as the files
// tell: `Ref` and `Fn::Sub` of parameters and pseudo parameters, `Fn::Join`, `Fn::Select`.
// Anything known only at deploy (`Fn::GetAtt`, `Fn::If`, imports) makes the value unknown.
import { intrinsicName, isRecord } from '../privilege/intrinsics.ts';
import type { KnownValues } from '../privilege/substitute.ts';

/** Marks a value that cannot be known before deploy. */
export const UNKNOWN: unique symbol = Symbol('unknown');
type Resolved = unknown;

const subText = (template: string, values: (name: string) => string | undefined): string | typeof UNKNOWN => {
  let unknown = false;
  const text = template.replace(/\$\{(!?)([^}]+)\}/g, (whole: string, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    const value = values(name.trim());
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? UNKNOWN : text;
};

const resolveSub = (arg: unknown, known: KnownValues): Resolved => {
  const [template, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof template !== 'string') return UNKNOWN;
  const local = new Map<string, string>();
  if (isRecord(variables)) {
    for (const [name, value] of Object.entries(variables)) {
      const resolved = resolveValue(value, known);
      if (typeof resolved !== 'string') return UNKNOWN;
      local.set(name, resolved);
    }
  }
  return subText(template, (name) => local.get(name) ?? known.get(name));
};

const resolveIntrinsic = (name: string, arg: unknown, known: KnownValues): Resolved => {
  switch (name) {
    case 'Ref':
      return typeof arg === 'string' ? (known.get(arg) ?? UNKNOWN) : UNKNOWN;
    case 'Fn::Sub':
      return resolveSub(arg, known);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string') return UNKNOWN;
      const parts = resolveValue(arg[1], known);
      if (!Array.isArray(parts) || !parts.every((p) => typeof p === 'string')) return UNKNOWN;
      return parts.join(arg[0]);
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg)) return UNKNOWN;
      const index = resolveValue(arg[0], known);
      const list = resolveValue(arg[1], known);
      const i = typeof index === 'string' || typeof index === 'number' ? Number(index) : NaN;
      return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
};

/** The value with every intrinsic resolved, or UNKNOWN when any part of it cannot be. */
export const resolveValue = (value: unknown, known: KnownValues): Resolved => {
  if (Array.isArray(value)) {
    const items = value.map((v) => resolveValue(v, known));
    return items.includes(UNKNOWN) ? UNKNOWN : items;
  }
  if (!isRecord(value)) return value;
  const name = intrinsicName(value);
  if (name !== undefined) return resolveIntrinsic(name, value[name], known);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = resolveValue(item, known);
    if (resolved === UNKNOWN) return UNKNOWN;
    out[key] = resolved;
  }
  return out;
};
