// The CloudFormation role template: every AWS::IAM::Role is an assumable role whose logical
// id names it in the config. Only what the action relies on is checked; CloudFormation
// validates the rest when the change set is created.
import { error } from '../diagnostics.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { RoleTemplate, TemplateParameter, TemplateRole } from '../model.ts';
import { nameClashes } from '../name-clashes.ts';
import { LOGICAL_ID, ROLE_NAME_MAX, invalidCharsText, isIamName } from '../names.ts';
import { kindOf, mapEntries, positionOf, scalarValue, toPlain } from '../yaml/nodes.ts';
import type { YamlFile } from '../yaml/nodes.ts';
import type { Node } from 'yaml';
import { transformsOf } from './transforms.ts';

/** CloudFormation's limit for a template passed inline as TemplateBody. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
/** Parameter the action fills with the master account id, as the original CLI did. */
export const ASSUMING_ACCOUNT_PARAMETER = 'AssumingAccountID';

const literal = (yaml: YamlFile, node: Node | null): string | undefined =>
  kindOf(yaml, node) === 'string' && !node?.tag ? String(scalarValue(yaml, node)) : undefined;

const readRole = (
  yaml: YamlFile,
  logicalId: string,
  node: Node | null,
  idNode: Node | null,
  out: Diagnostic[],
): TemplateRole => {
  const properties = mapEntries(
    yaml,
    mapEntries(yaml, node).find((e) => e.key === 'Properties')?.valueNode ?? null,
  );
  const nameEntry = properties.find((e) => e.key === 'RoleName');
  const pathEntry = properties.find((e) => e.key === 'Path');
  const roleName = nameEntry ? literal(yaml, nameEntry.valueNode) : undefined;
  if (roleName !== undefined && !isIamName(roleName, ROLE_NAME_MAX)) {
    const bad = invalidCharsText(roleName);
    out.push(
      error(
        positionOf(yaml, nameEntry?.valueNode),
        `RoleName "${roleName}" of ${logicalId} is not a valid IAM role name${bad ? ` (${bad})` : roleName.length > ROLE_NAME_MAX ? ` (${roleName.length} characters, at most ${ROLE_NAME_MAX})` : ''}.`,
        'Use 1-64 letters, digits and + = , . @ _ -, or remove RoleName to let CloudFormation name the role.',
      ),
    );
  }
  const path = pathEntry ? literal(yaml, pathEntry.valueNode) : undefined;
  if (pathEntry && path === undefined) {
    out.push(
      error(
        positionOf(yaml, pathEntry.valueNode),
        `Path of ${logicalId} is not a plain string; RoleModel needs it to know the role's ARN for the group policies.`,
        'Write the path literally, e.g. `Path: /team/`, or remove it.',
      ),
    );
  }
  if (path !== undefined && !/^\/(?:[\x21-\x7e]+\/)?$/.test(path)) {
    out.push(
      error(
        positionOf(yaml, pathEntry?.valueNode),
        `Path "${path}" of ${logicalId} is not a valid IAM path.`,
        'An IAM path starts and ends with `/`, e.g. `/` or `/team/`.',
      ),
    );
  }
  const trust = properties.find((e) => e.key === 'AssumeRolePolicyDocument');
  return {
    logicalId,
    roleName,
    path: path ?? '/',
    position: positionOf(yaml, idNode),
    ...(trust === undefined ? {} : { trustPosition: positionOf(yaml, trust.keyNode) }),
  };
};

export const parseTemplate = (yaml: YamlFile): { template: RoleTemplate; diagnostics: Diagnostic[] } => {
  const diagnostics: Diagnostic[] = [];
  const root = yaml.document.contents as Node | null;
  const format = yaml.text.trimStart().startsWith('{') ? 'json' : 'yaml';
  const top = mapEntries(yaml, root);
  const roles: TemplateRole[] = [];
  const parameters: TemplateParameter[] = [];
  const bytes = new TextEncoder().encode(yaml.text).length;
  if (bytes > TEMPLATE_BODY_MAX_BYTES) {
    diagnostics.push(
      error(
        { file: yaml.file, line: 1, column: 1 },
        `The template is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_BODY_MAX_BYTES} bytes in a template body.`,
        'Shorten it: move long policies into AWS managed policies, or remove comments and unused resources.',
      ),
    );
  }
  if (kindOf(yaml, root) !== 'map') {
    diagnostics.push(
      error(
        positionOf(yaml, root),
        `${yaml.file} is not a CloudFormation template: it must be a mapping with a \`Resources\` section.`,
        'Start from samples/roles.yml.',
      ),
    );
    return {
      template: { file: yaml.file, body: yaml.text, format, roles, parameters, document: {} },
      diagnostics,
    };
  }
  const resourcesEntry = top.find((e) => e.key === 'Resources');
  for (const entry of mapEntries(yaml, resourcesEntry?.valueNode ?? null)) {
    const typeEntry = mapEntries(yaml, entry.valueNode).find((e) => e.key === 'Type');
    const type = typeEntry ? scalarValue(yaml, typeEntry.valueNode) : undefined;
    if (!LOGICAL_ID.test(entry.key)) {
      diagnostics.push(
        error(
          positionOf(yaml, entry.keyNode),
          `"${entry.key}" is not a valid CloudFormation logical id.`,
          'Logical ids use letters and digits only, e.g. `AdminRole`.',
        ),
      );
      continue;
    }
    if (typeEntry === undefined) {
      diagnostics.push(
        error(
          positionOf(yaml, entry.keyNode),
          `Resource ${entry.key} has no \`Type\`.`,
          'Add e.g. `Type: AWS::IAM::Role`.',
        ),
      );
    }
    if (type === 'AWS::IAM::Role')
      roles.push(readRole(yaml, entry.key, entry.valueNode, entry.keyNode, diagnostics));
  }
  diagnostics.push(
    ...nameClashes(
      roles.map((r) => ({ name: r.logicalId, position: r.position })),
      'role logical id',
      'Rename one of the roles: the logical id is part of the IAM group names (`<account>.<logical id>`), and IAM, which ignores letter case, would give both roles one group and its members.',
    ),
  );
  if (roles.length === 0) {
    diagnostics.push(
      error(
        positionOf(yaml, resourcesEntry?.keyNode ?? root),
        resourcesEntry
          ? `The template defines no resource of type AWS::IAM::Role, so there is no role to assume.`
          : 'The template has no `Resources` section.',
        'Add at least one resource with `Type: AWS::IAM::Role`; its logical id (e.g. `AdminRole`) is the role name used in the user map.',
      ),
    );
  }
  for (const entry of mapEntries(yaml, top.find((e) => e.key === 'Parameters')?.valueNode ?? null)) {
    const hasDefault = mapEntries(yaml, entry.valueNode).some((e) => e.key === 'Default');
    parameters.push({ name: entry.key, hasDefault, position: positionOf(yaml, entry.keyNode) });
  }
  const document = toPlain(yaml, root);
  return {
    template: {
      file: yaml.file,
      body: yaml.text,
      format,
      roles,
      parameters,
      document:
        typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {},
      transforms: transformsOf(yaml).flatMap((t) => (t.name === undefined ? [] : [t.name])),
    },
    diagnostics,
  };
};
