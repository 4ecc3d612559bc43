// CloudFormation values as readable text: `{ Ref: X }` -> `${X}`, `Fn::Sub` as written,
// `Fn::Join` joined. Values are known only at deploy time, so the text is for people and
// for comparing two versions of a template, not for evaluating.

export interface Rendered {
  readonly text: string;
  /** True when the value is a plain string or scalar, the same in every account. */
  readonly literal: boolean;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The one key of `{ "Fn::X": ... }` or `{ Ref: ... }`, when the value is an intrinsic. */
export const intrinsicName = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))
    ? key
    : undefined;
};

const renderIntrinsic = (name: string, arg: unknown): string => {
  if (name === 'Ref') return `\${${renderText(arg)}}`;
  if (name === 'Fn::Sub') {
    const template = Array.isArray(arg) ? arg[0] : arg;
    return typeof template === 'string' ? template : renderText(template);
  }
  if (name === 'Fn::Join' && Array.isArray(arg) && Array.isArray(arg[1])) {
    const separator = typeof arg[0] === 'string' ? arg[0] : '';
    return arg[1].map((part) => renderText(part)).join(separator);
  }
  if (name === 'Fn::GetAtt') {
    const parts = Array.isArray(arg) ? arg.map((p) => renderText(p)) : [renderText(arg)];
    return `\${${parts.join('.')}}`;
  }
  const args = Array.isArray(arg) ? arg.map((a) => renderText(a)).join(', ') : renderText(arg);
  return `\${${name.replace(/^Fn::/, '')}(${args})}`;
};

/** A CloudFormation value as text; objects that are not intrinsics as JSON. */
export const renderText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null || value === undefined) return '';
  const name = intrinsicName(value);
  if (name !== undefined && isRecord(value)) return renderIntrinsic(name, value[name]);
  return JSON.stringify(value);
};

export const render = (value: unknown): Rendered => ({
  text: renderText(value),
  literal: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean',
});

/** A value that IAM reads as a string or a list of strings, each rendered. */
export const renderList = (value: unknown): Rendered[] =>
  (Array.isArray(value) ? value : [value]).map((item) => render(item));
