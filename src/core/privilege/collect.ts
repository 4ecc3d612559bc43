// Every statement that applies to a role, wherever the template puts it: the role's own
// `Policies`, `AWS::IAM::Policy` / `AWS::IAM::RolePolicy` resources naming the role,
// `AWS::IAM::ManagedPolicy` resources (attached from either side) and `ManagedPolicyArns`.
import { awsManagedName, awsManagedStatements } from './aws-managed.ts';
import { intrinsicName, isRecord, renderText } from './intrinsics.ts';
import { normalizeDocument, opaqueStatement } from './statements.ts';
import type { NormalizedStatement } from './types.ts';

type Resources = Readonly<Record<string, unknown>>;

export const resourcesOf = (document: Readonly<Record<string, unknown>>): Resources =>
  isRecord(document.Resources) ? document.Resources : {};

export const propertiesOf = (resource: unknown): Readonly<Record<string, unknown>> =>
  isRecord(resource) && isRecord(resource.Properties) ? resource.Properties : {};

const typeOf = (resource: unknown): unknown => (isRecord(resource) ? resource.Type : undefined);

/**
 * Whether a value names the role: `!Ref Role` anywhere in it (also inside `Fn::If`, counted
 * as attached: the safe side), or the role's literal RoleName.
 */
const namesRole = (value: unknown, roleId: string, roleName: string | undefined): boolean => {
  if (typeof value === 'string') return roleName !== undefined && value === roleName;
  if (Array.isArray(value)) return value.some((v) => namesRole(v, roleId, roleName));
  if (!isRecord(value)) return false;
  if (value.Ref === roleId) return true;
  return Object.values(value).some((v) => namesRole(v, roleId, roleName));
};

const unknownList = (
  kind: 'inline' | 'external-managed',
  what: string,
  value: unknown,
): NormalizedStatement[] => [
  opaqueStatement({ kind, name: renderText(value) }, 'custom', `${what} known only at deploy`),
];

const inlinePolicies = (policies: unknown): NormalizedStatement[] => {
  if (policies === undefined) return [];
  if (!Array.isArray(policies)) return unknownList('inline', 'Policies', policies);
  return policies.flatMap((policy) =>
    isRecord(policy) && intrinsicName(policy) === undefined
      ? normalizeDocument(policy.PolicyDocument, { kind: 'inline', name: renderText(policy.PolicyName) })
      : unknownList('inline', 'a policy', policy),
  );
};

const managedPolicy = (resources: Resources, id: string): NormalizedStatement[] =>
  normalizeDocument(propertiesOf(resources[id]).PolicyDocument, { kind: 'managed-policy', name: id });

/** One entry of ManagedPolicyArns; `attached` collects template managed policies already read. */
const managedArn = (resources: Resources, entry: unknown, attached: Set<string>): NormalizedStatement[] => {
  if (
    isRecord(entry) &&
    typeof entry.Ref === 'string' &&
    typeOf(resources[entry.Ref]) === 'AWS::IAM::ManagedPolicy'
  ) {
    attached.add(entry.Ref);
    return managedPolicy(resources, entry.Ref);
  }
  const text = renderText(entry);
  const name = awsManagedName(text);
  if (name !== undefined) return awsManagedStatements(name);
  return [
    opaqueStatement(
      { kind: 'external-managed', name: text },
      'custom',
      'not in the template: its contents are not known here and may change without a commit',
    ),
  ];
};

/** Statements from other resources of the template that name the role. */
const attachedResources = (
  resources: Resources,
  roleId: string,
  roleName: string | undefined,
  attached: Set<string>,
): NormalizedStatement[] =>
  Object.entries(resources).flatMap(([id, resource]) => {
    const props = propertiesOf(resource);
    const type = typeOf(resource);
    if (type === 'AWS::IAM::Policy' && namesRole(props.Roles, roleId, roleName))
      return normalizeDocument(props.PolicyDocument, { kind: 'policy', name: id });
    if (type === 'AWS::IAM::RolePolicy' && namesRole(props.RoleName, roleId, roleName))
      return normalizeDocument(props.PolicyDocument, { kind: 'policy', name: id });
    if (type === 'AWS::IAM::ManagedPolicy' && !attached.has(id) && namesRole(props.Roles, roleId, roleName)) {
      attached.add(id);
      return managedPolicy(resources, id);
    }
    return [];
  });

/** All permission statements of one role. */
export const roleStatements = (
  document: Readonly<Record<string, unknown>>,
  roleId: string,
  roleName: string | undefined,
): NormalizedStatement[] => {
  const resources = resourcesOf(document);
  const props = propertiesOf(resources[roleId]);
  const attached = new Set<string>();
  const arns = props.ManagedPolicyArns;
  const fromArns =
    arns === undefined
      ? []
      : Array.isArray(arns)
        ? arns.flatMap((entry) => managedArn(resources, entry, attached))
        : unknownList('external-managed', 'ManagedPolicyArns', arns);
  return [
    ...inlinePolicies(props.Policies),
    ...fromArns,
    ...attachedResources(resources, roleId, roleName, attached),
  ];
};
