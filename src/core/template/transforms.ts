// What a template makes CloudFormation run. Transforms (macros, AWS::Include, AWS::Serverless)
// run when a change set is *created*, so a pull request's plan would run them in every account,
// and what they add is not in the file a reviewer reads. A transform is therefore an error
// unless the config allows it by name; an allowed one is a warning at the top of the plan.
import { error, warning } from '../diagnostics.ts';
import type { Diagnostic, Position } from '../diagnostics.ts';
import type { NameAt } from '../name-clashes.ts';
import { isMap, isPair, isScalar, visit } from 'yaml';
import type { Node } from 'yaml';
import { kindOf, mapEntries, positionOf, scalarValue, seqItems } from '../yaml/nodes.ts';
import type { YamlFile } from '../yaml/nodes.ts';

export interface TransformUse {
  /** The transform's name; undefined when it is not written as a literal string. */
  readonly name: string | undefined;
  readonly position: Position;
}

const literalName = (yaml: YamlFile, node: Node | null): string | undefined =>
  kindOf(yaml, node) === 'string' && !node?.tag ? String(scalarValue(yaml, node)) : undefined;

/** `Fn::Transform: { Name: X, ... }` or `!Transform { Name: X }`: the Name. */
const embeddedUse = (yaml: YamlFile, value: Node | null, at: Node | null): TransformUse => {
  const name = mapEntries(yaml, value).find((e) => e.key === 'Name')?.valueNode ?? null;
  return { name: literalName(yaml, name), position: positionOf(yaml, name ?? at) };
};

/** The top-level `Transform`: one name or a list of names. */
const topLevelUses = (yaml: YamlFile, node: Node | null): TransformUse[] => {
  if (node === null) return [];
  const items = kindOf(yaml, node) === 'seq' ? seqItems(yaml, node) : [node];
  return items.map((item) => ({ name: literalName(yaml, item), position: positionOf(yaml, item ?? node) }));
};

/**
 * Every transform the template invokes, in file order: the top-level `Transform` and every
 * `Fn::Transform` (long form or `!Transform`) anywhere below it.
 */
export const transformsOf = (yaml: YamlFile): TransformUse[] => {
  const root = yaml.document.contents as Node | null;
  const uses = topLevelUses(
    yaml,
    mapEntries(yaml, root).find((e) => e.key === 'Transform')?.valueNode ?? null,
  );
  visit(yaml.document, {
    Pair: (_key, pair) => {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'Fn::Transform')
        uses.push(embeddedUse(yaml, (pair.value as Node | null) ?? null, pair.key));
    },
    Node: (_key, node) => {
      if (node.tag === '!Transform') uses.push(embeddedUse(yaml, isMap(node) ? node : null, node));
    },
  });
  return uses.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
};

const notAllowed = (use: TransformUse, configFile: string): Diagnostic =>
  use.name === undefined
    ? error(
        use.position,
        'The template runs a transform whose name is not a literal string, so it cannot be allowed.',
        `Write the transform's name literally and list it under \`allow_transforms\` in ${configFile}, or remove the transform.`,
      )
    : error(
        use.position,
        `The template runs the transform "${use.name}", which ${configFile} does not allow: CloudFormation runs it when the plan's change set is created, in every account, and the access review cannot see what it adds.`,
        `Remove the transform, or allow it by name in ${configFile}: \`allow_transforms: [${use.name}]\`.`,
      );

/** Said at the top of the plan: the review is of the template, not of what the transform makes of it. */
const allowedUse = (use: TransformUse): Diagnostic => ({
  ...warning(
    use.position,
    `The template runs the transform "${use.name ?? ''}" (allowed by \`allow_transforms\`): the access review cannot see what it adds to the stack.`,
    'The resource changes below come from CloudFormation after the transform ran: check them, and what the transform does, before merging.',
  ),
  prominent: true,
});

/** Errors for transforms not allowed, a warning for each allowed one and for allowances no longer used. */
export const checkTransforms = (
  uses: readonly TransformUse[],
  allowed: readonly NameAt[],
  configFile: string,
): Diagnostic[] => {
  const allowedNames = new Set(allowed.map((a) => a.name));
  const usedNames = new Set(uses.map((u) => u.name));
  return [
    ...uses.map((use) =>
      use.name !== undefined && allowedNames.has(use.name) ? allowedUse(use) : notAllowed(use, configFile),
    ),
    ...allowed
      .filter((a) => !usedNames.has(a.name))
      .map((a) =>
        warning(
          a.position,
          `\`allow_transforms\` lists "${a.name}", which the template does not use.`,
          'Remove it, so that a later change cannot start running it without this line being reviewed again.',
        ),
      ),
  ];
};
