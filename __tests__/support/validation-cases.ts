// Mistakes a user can make in the three files, each with the message, file, line and hint they
// must see. The core's test and the end-to-end test through dist/index.js both run this table.
import { VALID_CONFIG, VALID_TEMPLATE, VALID_USERS, validFiles } from './valid-files.ts';

export interface ValidationCase {
  readonly name: string;
  readonly files: Record<string, string | Uint8Array | undefined>;
  readonly file: string;
  readonly line: number;
  readonly message: RegExp;
  readonly hint?: RegExp;
}

const config = (text: string): Record<string, string> => ({ 'rolemodel.yml': text });
const template = (text: string): Record<string, string> => ({ 'roles.yml': text });
const users = (text: string): Record<string, string> => ({ 'users.yml': text });
const replaceConfig = (from: string, to: string): Record<string, string> =>
  config(VALID_CONFIG.replace(from, to));
const accounts = (body: string): Record<string, string> =>
  config(VALID_CONFIG.replace(/assumable_accounts:[\s\S]*$/, `assumable_accounts:\n${body}`));
const roleTemplate = (properties: string): Record<string, string> =>
  template(
    `Resources:\n  AdminRole:\n    Type: AWS::IAM::Role\n    Properties:\n${properties}\n  ReadOnlyRole:\n    Type: AWS::IAM::Role\n`,
  );

export const VALIDATION_CASES: readonly ValidationCase[] = [
  // The config file
  {
    name: 'config file missing',
    files: { 'rolemodel.yml': undefined },
    file: 'rolemodel.yml',
    line: 1,
    message: /rolemodel\.yml does not exist/,
    hint: /`config` input/,
  },
  {
    name: 'config empty',
    files: config(''),
    file: 'rolemodel.yml',
    line: 1,
    message: /is empty/,
    hint: /assumable_roles/,
  },
  {
    name: 'config only a comment',
    files: config('# nothing\n'),
    file: 'rolemodel.yml',
    line: 1,
    message: /is empty/,
  },
  {
    name: 'config not a mapping',
    files: config('- a\n- b\n'),
    file: 'rolemodel.yml',
    line: 1,
    message: /the config must be a mapping, found a list/,
  },
  {
    name: 'config invalid YAML',
    files: config('assumable_roles: [roles.yml\nstack_name: x\n'),
    file: 'rolemodel.yml',
    line: 2,
    message: /Invalid YAML/,
  },
  {
    name: 'config tab indentation',
    files: config('assumable_accounts:\n\t- name: a\n'),
    file: 'rolemodel.yml',
    line: 2,
    message: /Invalid YAML/,
  },
  {
    name: 'required key missing',
    files: config(VALID_CONFIG.replace('master_account_id: "123456789012"\n', '')),
    file: 'rolemodel.yml',
    line: 1,
    message: /missing the required key `master_account_id`/,
  },
  {
    name: 'unknown key near a known one',
    files: replaceConfig('stack_name: RoleModel', 'stack_nme: RoleModel'),
    file: 'rolemodel.yml',
    line: 2,
    message: /Unknown key `stack_nme`.*Did you mean `stack_name`/,
  },
  {
    name: 'approvals for a kind that cannot be guarded',
    files: config(`${VALID_CONFIG}approvals:\n  admin: [octo-org/security]\n  adminn: [alice-gh]\n`),
    file: 'rolemodel.yml',
    line: 15,
    message: /Unknown key `adminn`.*Did you mean `admin`/,
  },
  {
    name: 'approvals with an approver that is neither a login nor a team',
    files: config(`${VALID_CONFIG}approvals:\n  iam-write: [octo-org/security, 'not a login']\n`),
    file: 'rolemodel.yml',
    line: 14,
    message: /"not a login" is neither a GitHub login nor an `org\/team` slug/,
    hint: /octo-org\/security/,
  },
  {
    name: 'unknown key far from all',
    files: replaceConfig('stack_name: RoleModel', 'colour: blue'),
    file: 'rolemodel.yml',
    line: 2,
    message: /Unknown key `colour` in the config\.$/,
    hint: /Allowed keys/,
  },
  {
    name: 'duplicate key',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nregion: eu-west-1'),
    file: 'rolemodel.yml',
    line: 7,
    message: /Duplicate key/,
  },
  {
    name: 'account id unquoted with leading zero',
    files: replaceConfig('master_account_id: "123456789012"', 'master_account_id: 012345678901'),
    file: 'rolemodel.yml',
    line: 3,
    message: /read 012345678901 as 12345678901 and dropped the leading zero/,
    hint: /master_account_id: "012345678901"/,
  },
  {
    name: 'account id unquoted, 12 digits',
    files: replaceConfig('master_account_id: "123456789012"', 'master_account_id: 123456789012'),
    file: 'rolemodel.yml',
    line: 3,
    message: /written as a number/,
    hint: /"123456789012"/,
  },
  {
    name: 'account id too short',
    files: replaceConfig('"210987654321"', '"21098765432"'),
    file: 'rolemodel.yml',
    line: 9,
    message: /exactly 12 digits \(it has 11\)/,
  },
  {
    name: 'account id with letters',
    files: replaceConfig('"210987654321"', '"21098765432x"'),
    file: 'rolemodel.yml',
    line: 9,
    message: /not an AWS account id/,
  },
  {
    name: 'account id with dashes',
    files: replaceConfig('"210987654321"', '"2109-8765-4321"'),
    file: 'rolemodel.yml',
    line: 9,
    message: /not an AWS account id/,
    hint: /"210987654321"/,
  },
  {
    name: 'duplicate account name',
    files: accounts(
      '  - name: prod\n    account_id: "210987654321"\n  - name: prod\n    account_id: "310987654321"\n',
    ),
    file: 'rolemodel.yml',
    line: 10,
    message: /Duplicate account name "prod" \(also at line 8\)/,
  },
  {
    name: 'duplicate account id',
    files: accounts(
      '  - name: prod\n    account_id: "210987654321"\n  - name: cdn\n    account_id: "210987654321"\n',
    ),
    file: 'rolemodel.yml',
    line: 11,
    message: /Duplicate account id "210987654321" \(also at line 9\)/,
  },
  {
    name: 'duplicate account id, at its first line too',
    files: accounts(
      '  - name: prod\n    account_id: "210987654321"\n  - name: cdn\n    account_id: "210987654321"\n',
    ),
    file: 'rolemodel.yml',
    line: 9,
    message: /Duplicate account id "210987654321" \(also at line 11\)/,
  },
  {
    name: 'account name with a space',
    files: accounts('  - name: my prod\n    account_id: "210987654321"\n'),
    file: 'rolemodel.yml',
    line: 8,
    message: /cannot be part of an IAM group name: it contains " "/,
  },
  {
    name: 'account without account_id',
    files: accounts('  - name: prod\n'),
    file: 'rolemodel.yml',
    line: 8,
    message: /missing the required key `account_id`/,
  },
  {
    name: 'account with unknown key',
    files: accounts('  - name: prod\n    acount_id: "210987654321"\n'),
    file: 'rolemodel.yml',
    line: 9,
    message: /Did you mean `account_id`/,
  },
  {
    name: 'no accounts',
    files: accounts('  []\n'),
    file: 'rolemodel.yml',
    line: 8,
    message: /at least 1 item/,
  },
  {
    name: 'accounts not a list',
    files: accounts('  name: prod\n'),
    file: 'rolemodel.yml',
    line: 8,
    message: /assumable_accounts must be a list, found a mapping/,
  },
  {
    name: 'bad stack name',
    files: replaceConfig('stack_name: RoleModel', 'stack_name: 1RoleModel'),
    file: 'rolemodel.yml',
    line: 2,
    message: /not valid for CloudFormation/,
    hint: /Start with a letter/,
  },
  {
    name: 'stack name with underscore',
    files: replaceConfig('stack_name: RoleModel', 'stack_name: Role_Model'),
    file: 'rolemodel.yml',
    line: 2,
    message: /Stack name "Role_Model"/,
  },
  {
    name: 'bad role name',
    files: replaceConfig('master_account_role: rolemodel-deployer', 'master_account_role: "role model"'),
    file: 'rolemodel.yml',
    line: 4,
    message: /not a valid IAM role name.*" "/,
  },
  {
    name: 'bad role ARN',
    files: replaceConfig('arn:aws:iam::310987654321:role/deployer', 'arn:aws:iam::31098765432:role/deployer'),
    file: 'rolemodel.yml',
    line: 12,
    message: /not a valid IAM role ARN/,
  },
  {
    name: 'role ARN in another account',
    files: replaceConfig(
      'arn:aws:iam::310987654321:role/deployer',
      'arn:aws:iam::999999999999:role/deployer',
    ),
    file: 'rolemodel.yml',
    line: 12,
    message: /in account 999999999999, not in 310987654321/,
  },
  {
    name: 'bad region',
    files: replaceConfig('region: us-east-1', 'region: us-east'),
    file: 'rolemodel.yml',
    line: 6,
    message: /not an AWS region name/,
  },
  {
    name: 'region as a number',
    files: replaceConfig('region: us-east-1', 'region: 1'),
    file: 'rolemodel.yml',
    line: 6,
    message: /region must be a string, found a number/,
  },
  {
    name: 'bad assume mode',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nassume: chained'),
    file: 'rolemodel.yml',
    line: 7,
    message: /"chained" is not one of `chain`, `web-identity`.*Did you mean `chain`/,
  },
  {
    name: 'template file missing',
    files: { 'roles.yml': undefined },
    file: 'rolemodel.yml',
    line: 1,
    message: /roles\.yml does not exist/,
    hint: /relative to the config file/,
  },
  {
    name: 'users file missing',
    files: { 'users.yml': undefined },
    file: 'rolemodel.yml',
    line: 5,
    message: /users\.yml does not exist/,
  },
  {
    name: 'unknown config parameter',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nparameters:\n  Nope: 1'),
    file: 'rolemodel.yml',
    line: 8,
    message: /Parameter Nope is not declared/,
  },
  {
    name: 'AssumingAccountID set by hand',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nparameters:\n  AssumingAccountID: "1"'),
    file: 'rolemodel.yml',
    line: 8,
    message: /filled in with master_account_id/,
  },
  {
    name: 'account names differing only in case',
    files: accounts(
      '  - name: prod\n    account_id: "210987654321"\n  - name: Prod\n    account_id: "310987654321"\n',
    ),
    file: 'rolemodel.yml',
    line: 10,
    message: /Duplicate account name "Prod" \(also at line 8 as "prod"\); IAM names ignore letter case/,
    hint: /different in more than letter case/,
  },
  {
    name: 'account names differing only in case, at the first line too',
    files: accounts(
      '  - name: prod\n    account_id: "210987654321"\n  - name: Prod\n    account_id: "310987654321"\n',
    ),
    file: 'rolemodel.yml',
    line: 8,
    message: /Duplicate account name "prod" \(also at line 10 as "Prod"\); IAM names ignore letter case/,
    hint: /different in more than letter case/,
  },
  {
    name: 'account name too long for its policy names, even with no users',
    files: {
      ...accounts(`  - name: ${'a'.repeat(112)}\n    account_id: "210987654321"\n`),
      ...users('{}\n'),
    },
    file: 'rolemodel.yml',
    line: 8,
    message: /makes the IAM policy name ".*-Policy" 132 characters long; IAM allows 128/,
  },
  // Paths that leave the repository: refused on the config's line, the file not opened
  {
    name: 'template path out of the repository',
    files: replaceConfig('assumable_roles: roles.yml', 'assumable_roles: ../roles.yml'),
    file: 'rolemodel.yml',
    line: 1,
    message:
      /^`assumable_roles` must name a file in this repository: the path leads out of the repository\.$/,
    hint: /inside the repository and outside `\.git\/`/,
  },
  {
    name: 'user map path into .git',
    files: replaceConfig('users: users.yml', 'users: .git/config'),
    file: 'rolemodel.yml',
    line: 5,
    message: /^`users` must name a file in this repository: the path leads into `\.git\/`\.$/,
  },
  {
    name: 'user map path into .git, by another spelling',
    files: replaceConfig('users: users.yml', 'users: ./sub/../.GIT./config'),
    file: 'rolemodel.yml',
    line: 5,
    message: /`users` must name a file in this repository: the path leads into `\.git\/`/,
  },
  {
    name: 'user map path absolute',
    files: replaceConfig('users: users.yml', 'users: /etc/passwd'),
    file: 'rolemodel.yml',
    line: 5,
    message: /`users` must name a file in this repository: the path is absolute/,
  },
  {
    name: 'template path with backslashes',
    files: replaceConfig('assumable_roles: roles.yml', 'assumable_roles: ..\\..\\roles.yml'),
    file: 'rolemodel.yml',
    line: 1,
    message: /`assumable_roles` must name a file in this repository: the path contains a backslash/,
  },
  // Files that are not what the config says: one error, nothing of them quoted
  {
    name: 'user map that is some other YAML file',
    files: users('aws_secret_access_key: hunter2\nregion: us-east-1\n'),
    file: 'rolemodel.yml',
    line: 5,
    message: /^users\.yml is not a RoleModel user map: it names none of the accounts/,
  },
  {
    name: 'config that is some other YAML file',
    files: config('name: deploy\non: [push]\n'),
    file: 'rolemodel.yml',
    line: 1,
    message: /^rolemodel\.yml is not a RoleModel config: none of its keys is a key of the config\.$/,
  },
  // Names that IAM takes for one
  {
    name: 'role logical ids differing only in case',
    files: template(
      `${VALID_TEMPLATE}  adminrole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Statement: [] }\n`,
    ),
    file: 'roles.yml',
    line: 6,
    message:
      /^Duplicate role logical id "AdminRole" \(also at line 21 as "adminrole"\); IAM names ignore letter case\.$/,
    hint: /would give both roles one group/,
  },
  {
    name: 'role logical ids differing only in case, at the second line too',
    files: template(
      `${VALID_TEMPLATE}  adminrole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: { Statement: [] }\n`,
    ),
    file: 'roles.yml',
    line: 21,
    message: /^Duplicate role logical id "adminrole" \(also at line 6 as "AdminRole"\)/,
  },
  {
    name: 'user listed twice in different case',
    files: users('prod:\n  AdminRole:\n    - alice\n    - Alice\n'),
    file: 'users.yml',
    line: 4,
    message: /User "Alice" is listed twice in prod\.AdminRole \(also at line 3\)/,
  },
  // What the template runs
  {
    name: 'template with a top-level Transform',
    files: template(`Transform: EvilMacro\n${VALID_TEMPLATE}`),
    file: 'roles.yml',
    line: 1,
    message:
      /runs the transform "EvilMacro", which rolemodel\.yml does not allow: CloudFormation runs it when the plan's change set is created/,
    hint: /allow_transforms: \[EvilMacro\]/,
  },
  {
    name: 'template with one of a list of transforms not allowed',
    files: {
      ...replaceConfig('region: us-east-1', 'region: us-east-1\nallow_transforms: [AWS::LanguageExtensions]'),
      ...template(`Transform:\n  - AWS::LanguageExtensions\n  - EvilMacro\n${VALID_TEMPLATE}`),
    },
    file: 'roles.yml',
    line: 3,
    message: /the transform "EvilMacro", which rolemodel\.yml does not allow/,
  },
  {
    name: 'template with an embedded Fn::Transform',
    files: roleTemplate(
      '      AssumeRolePolicyDocument:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters: { Location: "s3://bucket/trust.yml" }',
    ),
    file: 'roles.yml',
    line: 7,
    message: /the transform "AWS::Include", which rolemodel\.yml does not allow/,
  },
  {
    name: 'template with a short-form !Transform',
    files: roleTemplate('      Policies: !Transform { Name: EvilMacro }'),
    file: 'roles.yml',
    line: 5,
    message: /the transform "EvilMacro", which rolemodel\.yml does not allow/,
  },
  {
    name: 'template with a transform named by a parameter',
    files: roleTemplate('      Policies:\n        Fn::Transform: { Name: !Ref MacroName }'),
    file: 'roles.yml',
    line: 6,
    message: /a transform whose name is not a literal string/,
  },
  {
    name: 'allow_transforms entry that is not a name',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nallow_transforms: ["evil macro"]'),
    file: 'rolemodel.yml',
    line: 7,
    message: /"evil macro" is not a transform name/,
  },
  // The template
  {
    name: 'template invalid YAML',
    files: template('Resources:\n  AdminRole: {Type: AWS::IAM::Role\n'),
    file: 'roles.yml',
    line: 3,
    message: /Invalid YAML/,
  },
  {
    name: 'template invalid JSON',
    files: template('{\n  "Resources": {\n    "AdminRole": { "Type": "AWS::IAM::Role", }\n  \n'),
    file: 'roles.yml',
    line: 5,
    message: /Invalid YAML/,
  },
  {
    name: 'template without roles',
    files: template('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n'),
    file: 'roles.yml',
    line: 1,
    message: /no resource of type AWS::IAM::Role/,
  },
  {
    name: 'template without Resources',
    files: template('Description: nothing\n'),
    file: 'rolemodel.yml',
    line: 1,
    message: /roles\.yml is not a CloudFormation template: it has no `Resources` section/,
  },
  {
    name: 'template a list',
    files: template('- a\n'),
    file: 'roles.yml',
    line: 1,
    message: /not a CloudFormation template/,
  },
  {
    name: 'invalid literal RoleName',
    files: roleTemplate('      RoleName: "admin role"'),
    file: 'roles.yml',
    line: 5,
    message: /RoleName "admin role" of AdminRole is not a valid IAM role name/,
  },
  {
    name: 'RoleName too long',
    files: roleTemplate(`      RoleName: ${'r'.repeat(65)}`),
    file: 'roles.yml',
    line: 5,
    message: /65 characters, at most 64/,
  },
  {
    name: 'invalid Path',
    files: roleTemplate('      Path: team'),
    file: 'roles.yml',
    line: 5,
    message: /not a valid IAM path/,
  },
  {
    name: 'bad logical id',
    files: template('Resources:\n  Admin-Role:\n    Type: AWS::IAM::Role\n'),
    file: 'roles.yml',
    line: 2,
    message: /not a valid CloudFormation logical id/,
  },
  {
    name: 'resource without Type',
    files: template('Resources:\n  AdminRole:\n    Type: AWS::IAM::Role\n  Other:\n    Properties: {}\n'),
    file: 'roles.yml',
    line: 4,
    message: /Resource Other has no `Type`/,
  },
  {
    name: 'parameter without value',
    files: template(
      `Parameters:\n  Team:\n    Type: String\n${VALID_TEMPLATE.slice(VALID_TEMPLATE.indexOf('Resources:'))}`,
    ),
    file: 'roles.yml',
    line: 2,
    message: /Template parameter Team has no Default/,
  },
  {
    name: 'template too large',
    files: template(`${VALID_TEMPLATE}# ${'x'.repeat(52_000)}\n`),
    file: 'roles.yml',
    line: 1,
    message: /at most 51200 bytes/,
  },
  // The user map
  {
    name: 'account not in config',
    files: users('prd:\n  AdminRole: [alice]\n'),
    file: 'users.yml',
    line: 1,
    message: /Account "prd" is not in rolemodel\.yml\. Did you mean `prod`\?/,
  },
  {
    name: 'role not in template',
    files: users('prod:\n  AdminRol: [alice]\n'),
    file: 'users.yml',
    line: 2,
    message: /Role "AdminRol" is not an AWS::IAM::Role of roles\.yml\. Did you mean `AdminRole`\?/,
  },
  {
    name: 'user listed twice',
    files: users('prod:\n  AdminRole:\n    - alice\n    - bob\n    - alice\n'),
    file: 'users.yml',
    line: 5,
    message: /User "alice" is listed twice in prod\.AdminRole \(also at line 3\)/,
  },
  {
    name: 'users not a list',
    files: users('prod:\n  AdminRole: alice\n'),
    file: 'users.yml',
    line: 2,
    message: /prod\.AdminRole must be a list, found a string/,
  },
  {
    name: 'user name a number',
    files: users('prod:\n  AdminRole: [alice, 42]\n'),
    file: 'users.yml',
    line: 2,
    message: /must be a string, found a number \(42\)/,
    hint: /- "42"/,
  },
  {
    name: 'invalid user name',
    files: users('prod:\n  AdminRole: ["alice smith"]\n'),
    file: 'users.yml',
    line: 2,
    message: /"alice smith" is not a valid IAM user name/,
  },
  {
    name: 'user name too long',
    files: users(`prod:\n  AdminRole: [${'u'.repeat(65)}]\n`),
    file: 'users.yml',
    line: 2,
    message: /65 characters; IAM allows 64/,
  },
  // Time-boxed grants: `{ user, until, reason }`
  {
    name: 'grant end not a date',
    files: users('prod:\n  AdminRole:\n    - alice\n    - { user: bob, until: next friday }\n'),
    file: 'users.yml',
    line: 4,
    message: /`until: next friday` is not a date or a time/,
    hint: /2026-12-31.*RFC 3339 time with a zone.*2026-12-03T18:00:00Z/,
  },
  {
    name: 'grant end written as a number',
    files: users('prod:\n  AdminRole:\n    - { user: bob, until: 20261231 }\n'),
    file: 'users.yml',
    line: 3,
    message: /`until: 20261231` is not a date or a time/,
    hint: /`2026-12-31`/,
  },
  {
    name: 'grant end not in the calendar',
    files: users('prod:\n  AdminRole:\n    - { user: bob, until: 2026-02-30 }\n'),
    file: 'users.yml',
    line: 3,
    message: /"2026-02-30" is not a day of the calendar/,
    hint: /RFC 3339/,
  },
  {
    name: 'grant end without a time zone',
    files: users('prod:\n  AdminRole:\n    - user: bob\n      until: "2026-12-03T18:00:00"\n'),
    file: 'users.yml',
    line: 4,
    message: /is not a date or a time/,
    hint: /with a zone/,
  },
  {
    name: 'time-boxed grant without an end',
    files: users('prod:\n  AdminRole:\n    - { user: bob, reason: on call }\n'),
    file: 'users.yml',
    line: 3,
    message: /missing the required key `until`/,
  },
  {
    name: 'time-boxed grant with an unknown key',
    files: users('prod:\n  AdminRole:\n    - { user: bob, until: 2026-12-31, expires: 2026-12-31 }\n'),
    file: 'users.yml',
    line: 3,
    message: /Unknown key `expires`/,
    hint: /user, until, reason/,
  },
  {
    name: 'time-boxed grant of a user listed twice',
    files: users('prod:\n  AdminRole:\n    - bob\n    - { user: Bob, until: 2026-12-31 }\n'),
    file: 'users.yml',
    line: 4,
    message: /"Bob" is listed twice in prod\.AdminRole \(also at line 3\)/,
  },
  {
    name: 'grant entry a list',
    files: users('prod:\n  AdminRole:\n    - [bob, 2026-12-31]\n'),
    file: 'users.yml',
    line: 3,
    message: /must be a string or a mapping, found a list/,
    hint: /\{ user: dave, until: 2026-12-31/,
  },
  {
    name: 'grant reason on two lines',
    files: users(
      'prod:\n  AdminRole:\n    - user: bob\n      until: 2026-12-31\n      reason: "one\\ntwo"\n',
    ),
    file: 'users.yml',
    line: 5,
    message: /line break or a control character/,
  },
  {
    name: 'require_reason and a grant without one',
    files: {
      ...replaceConfig('region: us-east-1', 'region: us-east-1\nrequire_reason: true'),
      ...users('prod:\n  AdminRole:\n    - alice\n    - { user: bob, until: 2026-12-31 }\n'),
    },
    file: 'users.yml',
    line: 4,
    message:
      /grant of bob in prod\.AdminRole ends \(until 2026-12-31\) but says no reason.*require_reason: true/,
    hint: /reason: "/,
  },
  {
    name: 'max_grant_days not a number',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nmax_grant_days: "30"'),
    file: 'rolemodel.yml',
    line: 7,
    message: /max_grant_days must be a whole number of at least 1, found `"30"`/,
    hint: /max_grant_days: 30/,
  },
  {
    name: 'max_grant_days zero',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nmax_grant_days: 0'),
    file: 'rolemodel.yml',
    line: 7,
    message: /max_grant_days must be a whole number of at least 1/,
  },
  {
    name: 'require_reason not a boolean',
    files: replaceConfig('region: us-east-1', 'region: us-east-1\nrequire_reason: "yes"'),
    file: 'rolemodel.yml',
    line: 7,
    message: /require_reason must be `true` or `false`, found a string/,
    hint: /require_reason: true/,
  },
  {
    name: 'role entry empty',
    files: users('prod:\n  AdminRole:\n'),
    file: 'users.yml',
    line: 2,
    message: /prod\.AdminRole must be a list, found empty/,
  },
  {
    name: 'account entry a list',
    files: users('prod:\n  - alice\n'),
    file: 'users.yml',
    line: 2,
    message: /prod must be a mapping, found a list/,
  },
  {
    name: 'group name too long',
    files: {
      ...accounts(`  - name: ${'a'.repeat(120)}\n    account_id: "210987654321"\n`),
      ...users(`${'a'.repeat(120)}:\n  AdminRole: [alice]\n`),
    },
    file: 'users.yml',
    line: 2,
    message: /would be 130 characters; IAM allows 128/,
  },
  // YAML hazards
  {
    name: 'several documents',
    files: users(`${VALID_USERS}---\nprod: {}\n`),
    file: 'users.yml',
    line: 8,
    message: /holds 2 YAML documents/,
  },
  {
    name: 'alias bomb',
    files: users(
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
    ),
    file: 'users.yml',
    line: 1,
    message: /alias bomb/,
  },
  {
    name: 'not UTF-8',
    files: {
      'users.yml': new Uint8Array([
        ...new TextEncoder().encode('prod:\n  AdminRole: [al'),
        0xe9,
        ...new TextEncoder().encode('ice]\n'),
      ]),
    },
    file: 'users.yml',
    line: 2,
    message: /^users\.yml is not valid UTF-8 \(line 2, column 17\)\.$/,
  },
  {
    name: 'duplicate account in user map',
    files: users('prod:\n  AdminRole: [alice]\nprod:\n  ReadOnlyRole: [bob]\n'),
    file: 'users.yml',
    line: 3,
    message: /Duplicate key/,
  },
  {
    name: 'undefined alias',
    files: users('prod:\n  AdminRole: *admins\n'),
    file: 'users.yml',
    line: 2,
    message: /Invalid YAML/,
  },
];

/** The valid repository with this case's change: a file set to undefined is absent. */
export const filesOf = (c: ValidationCase): Record<string, string | Uint8Array> =>
  Object.fromEntries(
    Object.entries({ ...validFiles(), ...c.files }).filter(
      (entry): entry is [string, string | Uint8Array] => entry[1] !== undefined,
    ),
  );
