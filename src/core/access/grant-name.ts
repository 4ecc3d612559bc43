// The `account.role` name of a role ARN a team's policy allows: the files say it when they are
// at hand (the account by its id, the role by its literal name or by the name CloudFormation
// gives it, `<stack>-<LogicalId>-<SUFFIX>`); without them the account id stands for the account.
import { parseRoleArn } from '../arn.ts';

export interface NamingFiles {
  readonly stackName: string;
  readonly accounts: readonly { readonly name: string; readonly accountId: string }[];
  readonly roles: readonly {
    readonly logicalId: string;
    readonly roleName: string | undefined;
    readonly path: string;
  }[];
}

/** `RoleModel-AdminRole-1A2B3C4D5E6F` -> `AdminRole`: the logical id before CloudFormation's suffix. */
const GENERATED = /^.+-([A-Za-z0-9]+)-[A-Z0-9]{12,13}$/;

const roleOf = (path: string, name: string, files: NamingFiles | undefined): string => {
  const literal = files?.roles.find((r) => r.roleName === name && r.path === path);
  if (literal !== undefined) return literal.logicalId;
  const generated = files?.roles.find(
    (r) => r.roleName === undefined && name.startsWith(`${files.stackName}-${r.logicalId}-`),
  );
  return generated?.logicalId ?? GENERATED.exec(name)?.[1] ?? name;
};

export const grantNameOfArn = (arn: string, files: NamingFiles | undefined): string => {
  const parsed = parseRoleArn(arn);
  if (parsed === undefined) return arn;
  const account = files?.accounts.find((a) => a.accountId === parsed.accountId)?.name ?? parsed.accountId;
  return `${account}.${roleOf(parsed.path, parsed.name, files)}`;
};
