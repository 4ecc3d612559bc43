// Static analysis of references between template sections: validation and resource ordering.
import { validationError } from '../../errors.ts';
import { isJsonObject, type Json } from '../../util/json.ts';
import { isPseudoParameter, type ParsedTemplate } from './model.ts';
import { formatError } from './errors.ts';

export interface References {
  /** Names used with Ref or as plain `${Name}` in Fn::Sub. */
  refs: Set<string>;
  /** Logical ids used with Fn::GetAtt or `${Res.Attr}`, with the attribute. */
  getAtts: [string, string][];
  /** Condition names used by Fn::If or `Condition`. */
  conditions: Set<string>;
}

const SUB_VARIABLE = /\$\{([^}]*)\}/g;

/** Variables of a Fn::Sub string, skipping `${!Literal}` escapes. */
export function subVariables(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(SUB_VARIABLE)) {
    const name = (match[1] ?? '').trim();
    if (name !== '' && !name.startsWith('!')) found.push(name);
  }
  return found;
}

function addSub(refs: References, text: string, local: Set<string>): void {
  for (const name of subVariables(text)) {
    if (local.has(name)) continue;
    const dot = name.indexOf('.');
    if (dot > 0 && !isPseudoParameter(name)) refs.getAtts.push([name.slice(0, dot), name.slice(dot + 1)]);
    else refs.refs.add(name);
  }
}

function visit(value: Json, refs: References): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, refs);
    return;
  }
  if (!isJsonObject(value)) return;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const arg = only === undefined ? undefined : value[only];
  if (only === 'Ref' && typeof arg === 'string') {
    refs.refs.add(arg);
    return;
  }
  if (only === 'Condition' && typeof arg === 'string') {
    refs.conditions.add(arg);
    return;
  }
  if (only === 'Fn::GetAtt' && arg !== undefined) {
    const [logicalId, attribute] =
      typeof arg === 'string' ? arg.split(/\.(.*)/s) : Array.isArray(arg) ? arg : [];
    if (typeof logicalId === 'string')
      refs.getAtts.push([logicalId, typeof attribute === 'string' ? attribute : '']);
    if (Array.isArray(arg)) visit(arg.slice(1), refs);
    return;
  }
  if (only === 'Fn::Sub' && arg !== undefined) {
    const [text, vars] = Array.isArray(arg) ? arg : [arg, undefined];
    const local = new Set(isJsonObject(vars) ? Object.keys(vars) : []);
    if (typeof text === 'string') addSub(refs, text, local);
    if (vars !== undefined) visit(vars, refs);
    return;
  }
  if (only === 'Fn::If' && Array.isArray(arg) && typeof arg[0] === 'string') {
    refs.conditions.add(arg[0]);
    visit(arg.slice(1), refs);
    return;
  }
  for (const key of keys) visit(value[key] ?? null, refs);
}

export function collectReferences(value: Json): References {
  const refs: References = { refs: new Set(), getAtts: [], conditions: new Set() };
  visit(value, refs);
  return refs;
}

/** Names referenced by a value, including those reached through the conditions it uses. */
export function referencedNames(value: Json, template: ParsedTemplate): Set<string> {
  const names = new Set<string>();
  const seenConditions = new Set<string>();
  const walk = (item: Json): void => {
    const refs = collectReferences(item);
    for (const name of refs.refs) names.add(name);
    for (const [target] of refs.getAtts) names.add(target);
    for (const condition of refs.conditions) {
      if (seenConditions.has(condition)) continue;
      seenConditions.add(condition);
      walk(template.conditions.get(condition) ?? null);
    }
  };
  walk(value);
  return names;
}

/** Resources a resource depends on: Ref, Fn::GetAtt, Fn::Sub and DependsOn targets. */
export function resourceDependencies(template: ParsedTemplate): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const [id, decl] of template.resources) {
    const refs = collectReferences(decl.properties);
    const deps = new Set<string>(decl.dependsOn);
    for (const name of refs.refs) if (template.resources.has(name)) deps.add(name);
    for (const [target] of refs.getAtts) deps.add(target);
    deps.delete(id);
    graph.set(id, deps);
  }
  return graph;
}

/** Creation order (dependencies first); CloudFormation rejects cycles. */
export function creationOrder(template: ParsedTemplate): string[] {
  const graph = resourceDependencies(template);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const walk = (id: string, path: string[]): void => {
    const seen = state.get(id);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = path.slice(path.indexOf(id));
      throw validationError(`Circular dependency between resources: [${cycle.sort().join(', ')}]`);
    }
    state.set(id, 'visiting');
    for (const dep of graph.get(id) ?? []) if (graph.has(dep)) walk(dep, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of graph.keys()) walk(id, []);
  return order;
}

function unresolved(names: string[], block: string): void {
  if (names.length > 0) {
    throw formatError(
      `Unresolved resource dependencies [${names.join(', ')}] in the ${block} block of the template`,
    );
  }
}

function checkConditions(template: ParsedTemplate, used: Iterable<string>): void {
  for (const name of used) {
    if (!template.conditions.has(name))
      throw validationError(`Template error: unresolved condition dependency ${name} in Fn::If`);
  }
}

export function validateReferences(template: ParsedTemplate): void {
  const known = (name: string): boolean =>
    isPseudoParameter(name) || template.parameters.has(name) || template.resources.has(name);
  for (const [id, decl] of template.resources) {
    const refs = collectReferences(decl.properties);
    unresolved(
      [...refs.refs, ...decl.dependsOn].filter((name) => !known(name)),
      'Resources',
    );
    for (const [target] of refs.getAtts) {
      if (!template.resources.has(target)) {
        throw validationError(
          `Template error: instance of Fn::GetAtt references undefined resource ${target}`,
        );
      }
    }
    if (decl.condition !== undefined && !template.conditions.has(decl.condition)) {
      throw formatError(
        `Unresolved condition dependencies [${decl.condition}] in the Resources block of the template`,
      );
    }
    checkConditions(template, refs.conditions);
    if (decl.dependsOn.includes(id)) throw validationError(`Circular dependency between resources: [${id}]`);
  }
  for (const [, condition] of template.conditions) {
    const refs = collectReferences(condition);
    const bad = [...refs.refs].filter((name) => !isPseudoParameter(name) && !template.parameters.has(name));
    if (bad.length > 0) {
      throw formatError(
        `Unresolved dependencies [${bad.join(', ')}]. Cannot reference resources in the Conditions block of the template`,
      );
    }
    checkConditions(template, refs.conditions);
  }
  for (const [, output] of template.outputs) {
    const refs = collectReferences([output.value, output.exportName ?? null, output.description ?? null]);
    unresolved(
      [...refs.refs].filter((name) => !known(name)),
      'Outputs',
    );
    checkConditions(template, refs.conditions);
    if (output.condition !== undefined) checkConditions(template, [output.condition]);
  }
  creationOrder(template);
}
