// Evaluation of CloudFormation intrinsic functions over already-parsed template values.
import { isJsonObject, type Json, type JsonObject } from '../../util/json.ts';
import { templateError } from './errors.ts';
import { cidrSubnets } from './cidr.ts';

/** `Ref: AWS::NoValue` removes the enclosing property or list element. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Evaluated = Json | typeof NO_VALUE;

export interface EvalContext {
  region: string;
  /** Parameters and pseudo parameters (except AWS::NoValue) by name. */
  values: ReadonlyMap<string, Json>;
  mappings: JsonObject;
  isResource(name: string): boolean;
  ref(logicalId: string): Json;
  getAtt(logicalId: string, attribute: string): Json;
  importValue(name: string): Json;
  condition(name: string): boolean;
}

type Handler = (arg: Json, ctx: EvalContext) => Evaluated;

const asString = (value: Evaluated, fn: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw templateError(`every value of the list in ${fn} must be a string`);
};

const asList = (value: Evaluated, fn: string): Json[] => {
  if (Array.isArray(value)) return value;
  throw templateError(`${fn} requires a list argument`);
};

const args = (arg: Json, fn: string, count: number): Json[] => {
  if (!Array.isArray(arg) || arg.length < count) throw templateError(`${fn} requires ${count} arguments`);
  return arg;
};

const valueOf = (value: Evaluated): Json => (value === NO_VALUE ? null : value);

function ref(arg: Json, ctx: EvalContext): Evaluated {
  if (typeof arg !== 'string') throw templateError('Ref requires a string argument');
  if (arg === 'AWS::NoValue') return NO_VALUE;
  const known = ctx.values.get(arg);
  if (known !== undefined) return known;
  if (ctx.isResource(arg)) return ctx.ref(arg);
  throw templateError(`Unresolved reference ${arg}`);
}

function getAtt(arg: Json, ctx: EvalContext): Evaluated {
  const parts = typeof arg === 'string' ? arg.split(/\.(.*)/s) : Array.isArray(arg) ? arg : [];
  const [logicalId, attribute] = parts;
  if (typeof logicalId !== 'string' || attribute === undefined) {
    throw templateError('Fn::GetAtt requires a logical id and an attribute name');
  }
  return ctx.getAtt(logicalId, asString(evaluate(attribute, ctx), 'Fn::GetAtt'));
}

function stringify(value: Json): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(stringify).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function sub(arg: Json, ctx: EvalContext): Evaluated {
  const [text, vars] = Array.isArray(arg) ? arg : [arg, undefined];
  if (typeof text !== 'string') throw templateError('Fn::Sub requires a string');
  const local = isJsonObject(vars) ? evaluate(vars, ctx) : {};
  const localVars = isJsonObject(local) ? local : {};
  return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    const name = inner.trim();
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const own = localVars[name];
    if (own !== undefined) return stringify(own);
    const dot = name.indexOf('.');
    if (dot > 0 && !ctx.values.has(name))
      return stringify(ctx.getAtt(name.slice(0, dot), name.slice(dot + 1)));
    const value = ref(name, ctx);
    return value === NO_VALUE ? whole : stringify(value);
  });
}

function join(arg: Json, ctx: EvalContext): Evaluated {
  const [delimiter, list] = args(arg, 'Fn::Join', 2);
  const items = asList(evaluate(list ?? null, ctx), 'Fn::Join');
  return items.map((item) => asString(item, 'Fn::Join')).join(asString(delimiter ?? '', 'Fn::Join'));
}

function select(arg: Json, ctx: EvalContext): Evaluated {
  const [index, list] = args(arg, 'Fn::Select', 2);
  const position = Number(valueOf(evaluate(index ?? null, ctx)));
  const items = asList(evaluate(list ?? null, ctx), 'Fn::Select');
  const picked = items[position];
  if (!Number.isInteger(position) || picked === undefined)
    throw templateError('Fn::Select cannot select nonexistent value');
  return picked;
}

function split(arg: Json, ctx: EvalContext): Evaluated {
  const [delimiter, source] = args(arg, 'Fn::Split', 2);
  return asString(evaluate(source ?? null, ctx), 'Fn::Split').split(asString(delimiter ?? '', 'Fn::Split'));
}

function findInMap(arg: Json, ctx: EvalContext): Evaluated {
  const [map, top, second] = args(arg, 'Fn::FindInMap', 3).map((part) => valueOf(evaluate(part, ctx)));
  const mapping = ctx.mappings[String(map)];
  const level = isJsonObject(mapping) ? mapping[String(top)] : undefined;
  const value = isJsonObject(level) ? level[String(second)] : undefined;
  if (value === undefined) {
    throw templateError(`Unable to get mapping for ${String(map)}::${String(top)}::${String(second)}`);
  }
  return value;
}

function fnIf(arg: Json, ctx: EvalContext): Evaluated {
  const [name, whenTrue, whenFalse] = args(arg, 'Fn::If', 3);
  if (typeof name !== 'string') throw templateError('Fn::If requires a condition name');
  return evaluate((ctx.condition(name) ? whenTrue : whenFalse) ?? null, ctx);
}

const HANDLERS: Record<string, Handler> = {
  Ref: ref,
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::FindInMap': findInMap,
  'Fn::If': fnIf,
  'Fn::Base64': (arg, ctx) => Buffer.from(asString(evaluate(arg, ctx), 'Fn::Base64')).toString('base64'),
  'Fn::ImportValue': (arg, ctx) => ctx.importValue(asString(evaluate(arg, ctx), 'Fn::ImportValue')),
  'Fn::GetAZs': (arg, ctx) => {
    const region = valueOf(evaluate(arg, ctx));
    const base = typeof region === 'string' && region !== '' ? region : ctx.region;
    return ['a', 'b', 'c'].map((zone) => base + zone);
  },
  'Fn::Cidr': (arg, ctx) => {
    const [block, count, bits] = args(arg, 'Fn::Cidr', 3).map((part) => valueOf(evaluate(part, ctx)));
    return cidrSubnets(String(block), Number(count), Number(bits));
  },
  'Fn::Length': (arg, ctx) => asList(evaluate(arg, ctx), 'Fn::Length').length,
  'Fn::ToJsonString': (arg, ctx) => JSON.stringify(valueOf(evaluate(arg, ctx))),
  'Fn::Equals': (arg, ctx) => evaluateCondition({ 'Fn::Equals': arg }, ctx),
  'Fn::And': (arg, ctx) => evaluateCondition({ 'Fn::And': arg }, ctx),
  'Fn::Or': (arg, ctx) => evaluateCondition({ 'Fn::Or': arg }, ctx),
  'Fn::Not': (arg, ctx) => evaluateCondition({ 'Fn::Not': arg }, ctx),
};

function intrinsicOf(value: JsonObject): [Handler, Json] | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [name] = keys;
  const handler = name === undefined ? undefined : HANDLERS[name];
  return handler && name !== undefined ? [handler, value[name] ?? null] : undefined;
}

/** Evaluates every intrinsic function in `value`, dropping AWS::NoValue members. */
export function evaluate(value: Json, ctx: EvalContext): Evaluated {
  if (Array.isArray(value)) {
    return value.map((item) => evaluate(item, ctx)).filter((item): item is Json => item !== NO_VALUE);
  }
  if (!isJsonObject(value)) return value;
  const intrinsic = intrinsicOf(value);
  if (intrinsic) return intrinsic[0](intrinsic[1], ctx);
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const evaluated = evaluate(item, ctx);
    if (evaluated !== NO_VALUE) out[key] = evaluated;
  }
  return out;
}

export function evaluateObject(value: JsonObject, ctx: EvalContext): JsonObject {
  const result = evaluate(value, ctx);
  return isJsonObject(result) ? result : {};
}

/** Condition functions; `{Condition: Name}` is only meaningful inside them. */
export function evaluateCondition(value: Json, ctx: EvalContext): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && (value === 'true' || value === 'false')) return value === 'true';
  if (!isJsonObject(value)) throw templateError('Conditions can only be boolean operations');
  const [name] = Object.keys(value);
  const arg = name === undefined ? null : (value[name] ?? null);
  switch (name) {
    case 'Condition':
      return ctx.condition(String(arg));
    case 'Fn::Equals': {
      const [a, b] = args(arg, name, 2).map((part) => valueOf(evaluate(part, ctx)));
      return stringify(a ?? null) === stringify(b ?? null);
    }
    case 'Fn::Not':
      return !evaluateCondition(args(arg, name, 1)[0] ?? null, ctx);
    case 'Fn::And':
      return args(arg, name, 2).every((part) => evaluateCondition(part, ctx));
    case 'Fn::Or':
      return args(arg, name, 2).some((part) => evaluateCondition(part, ctx));
    default: {
      const result = evaluate(value, ctx);
      if (typeof result === 'boolean') return result;
      throw templateError(`Conditions can only be boolean operations`);
    }
  }
}

/** Memoised condition lookup that detects cycles between conditions. */
export function conditionResolver(
  conditions: ReadonlyMap<string, Json>,
  makeCtx: (condition: (name: string) => boolean) => EvalContext,
): (name: string) => boolean {
  const cache = new Map<string, boolean>();
  const active = new Set<string>();
  const resolve = (name: string): boolean => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const body = conditions.get(name);
    if (body === undefined) throw templateError(`unresolved condition dependency ${name} in Fn::If`);
    if (active.has(name)) throw templateError(`circular condition dependency ${name}`);
    active.add(name);
    const result = evaluateCondition(body, makeCtx(resolve));
    active.delete(name);
    cache.set(name, result);
    return result;
  };
  return resolve;
}
