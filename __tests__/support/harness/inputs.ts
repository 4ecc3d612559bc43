// Action inputs as the runner passes them: INPUT_<NAME> environment variables, with the
// defaults from action.yml (including `${{ github.token }}`-style expressions) filled in.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ActionInput {
  readonly name: string;
  readonly default?: string;
  readonly required: boolean;
}

export type InputValue = string | number | boolean | undefined;

/** Upper-cased, spaces to `_`; hyphens stay (`max-concurrency` -> `INPUT_MAX-CONCURRENCY`). */
export const inputEnvName = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const parseActionInputs = (actionYml: string): ActionInput[] => {
  const doc: unknown = parse(actionYml);
  const inputs = isRecord(doc) && isRecord(doc['inputs']) ? doc['inputs'] : {};
  return Object.entries(inputs).map(([name, spec]) => {
    const s = isRecord(spec) ? spec : {};
    const def = s['default'];
    return {
      name,
      required: s['required'] === true,
      ...(def === undefined || def === null ? {} : { default: String(def) }),
    };
  });
};

export const loadActionInputs = (actionYmlPath: string): ActionInput[] => {
  try {
    return parseActionInputs(readFileSync(actionYmlPath, 'utf8'));
  } catch (err) {
    // GitHub refuses to load such an action, so say which file is at fault.
    throw new Error(
      `Cannot read the inputs of ${actionYmlPath}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
};

/**
 * Replaces `${{ context.path }}` with values from a flat context such as
 * `{ 'github.token': 'ghs_x' }`; anything else is an error, so a new default is noticed.
 */
export const evaluateExpressions = (value: string, context: Readonly<Record<string, string>>): string =>
  value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    const resolved = context[expr];
    if (resolved === undefined) throw new Error(`The harness cannot evaluate the expression \${{ ${expr} }}`);
    return resolved;
  });

export interface InputEnvRequest {
  readonly declared: readonly ActionInput[];
  readonly given: Readonly<Record<string, InputValue>>;
  readonly context: Readonly<Record<string, string>>;
  /** The runner only warns on undeclared inputs; by default the harness refuses them to catch typos. */
  readonly allowUnknown?: boolean;
}

export const inputEnv = (req: InputEnvRequest): Record<string, string> => {
  const known = new Set(req.declared.map((d) => d.name));
  const unknown = Object.keys(req.given).filter((k) => !known.has(k));
  if (unknown.length && !req.allowUnknown)
    throw new Error(
      `Unexpected input(s) ${unknown.map((u) => `'${u}'`).join(', ')}; valid inputs are ${[...known].join(', ')}`,
    );
  const env: Record<string, string> = {};
  for (const d of req.declared) {
    if (d.default !== undefined) env[inputEnvName(d.name)] = evaluateExpressions(d.default, req.context);
  }
  for (const [name, value] of Object.entries(req.given)) {
    if (value !== undefined) env[inputEnvName(name)] = String(value);
  }
  return env;
};
