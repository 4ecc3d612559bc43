// A small schema language for the config and the user map. One description serves the
// checker (errors with positions and hints) and the published JSON Schema files.

export interface StringRule {
  /** Must match the whole value. Written in the ECMAScript dialect JSON Schema also uses. */
  readonly pattern: RegExp;
  readonly message: (value: string) => string;
  readonly hint: (value: string) => string;
}

interface Described {
  readonly description: string;
}

export interface StringSchema extends Described {
  readonly type: 'string';
  readonly rules?: readonly StringRule[];
  readonly enum?: readonly string[];
  readonly default?: string;
  readonly examples?: readonly string[];
  /**
   * A number or boolean is judged by the text it is written as (`until: 20261231` is not a
   * date, whatever its quotes), rather than told to be quoted.
   */
  readonly judgeWritten?: boolean;
}

/** A whole number, at least `minimum`. */
export interface IntegerSchema extends Described {
  readonly type: 'integer';
  readonly minimum: number;
  readonly examples?: readonly number[];
}

export interface BooleanSchema extends Described {
  readonly type: 'boolean';
  readonly default?: boolean;
}

/**
 * One of several shapes told apart by the kind of node (a string, or a mapping): a list entry
 * that is a name, or a mapping with more about it.
 */
export interface EitherSchema extends Described {
  readonly type: 'either';
  readonly variants: readonly (StringSchema | ObjectSchema)[];
  /** Said when the node is neither: what to write. */
  readonly hint: string;
}

/** A 12-digit AWS account id, which must be quoted so that YAML keeps its leading zeros. */
export interface AccountIdSchema extends Described {
  readonly type: 'account-id';
}

/** A string, number or boolean (CloudFormation parameter values). */
export interface ScalarSchema extends Described {
  readonly type: 'scalar';
}

export interface Property {
  readonly schema: Schema;
  readonly required?: boolean;
}

export interface ObjectSchema extends Described {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, Property>>;
  /** Keys of the original CLI that the action accepts and ignores, with why. */
  readonly legacy?: Readonly<Record<string, string>>;
}

export interface ArraySchema extends Described {
  readonly type: 'array';
  readonly items: Schema;
  readonly minItems?: number;
}

/** A mapping with free keys (names chosen by the user). */
export interface MapSchema extends Described {
  readonly type: 'map';
  readonly keys: StringSchema;
  readonly values: Schema;
}

export type Schema =
  | StringSchema
  | AccountIdSchema
  | ScalarSchema
  | IntegerSchema
  | BooleanSchema
  | EitherSchema
  | ObjectSchema
  | ArraySchema
  | MapSchema;
