// What the config file and the user map may hold. The checker and the published JSON
// Schema files (schemas/*.json, written by `npm run schemas`) both come from here.
import { REGION, ROLE_ARN, STACK_NAME, USER_NAME_MAX, invalidCharsText } from '../names.ts';
import { APPROVAL_KEYS } from '../approvals/types.ts';
import type { ApprovalKey } from '../approvals/types.ts';
import type { EitherSchema, ObjectSchema, MapSchema, StringRule, StringSchema } from '../schema/types.ts';
import { GRANT_END_FORMS, GRANT_END_PATTERN } from '../users/grant-end.ts';

export const DEFAULT_STACK_NAME = 'RoleModel';
export const DEFAULT_DEPLOYER_ROLE = 'rolemodel-deployer';

const roleNameOrArn: StringRule = {
  // A name, or an ARN as ROLE_ARN reads it (its anchors taken off to join the two).
  pattern: new RegExp(`^(?:[\\w+=,.@-]{1,64}|${ROLE_ARN.source.slice(1, -1)})$`),
  message: (v) =>
    v.startsWith('arn:')
      ? `"${v}" is not a valid IAM role ARN.`
      : `"${v}" is not a valid IAM role name (1-64 of letters, digits and + = , . @ _ -)${
          invalidCharsText(v) ? `; ${invalidCharsText(v)}` : ''
        }.`,
  hint: () =>
    'Write the role name (e.g. `rolemodel-deployer`) or its ARN (`arn:aws:iam::123456789012:role/rolemodel-deployer`).',
};

export const accountName: StringRule = {
  pattern: /^[\w+=,.@-]{1,126}$/,
  message: (v) =>
    v.length === 0
      ? 'The account name is empty.'
      : `Account name "${v}" cannot be part of an IAM group name${
          invalidCharsText(v) ? `: ${invalidCharsText(v)}` : ' (too long)'
        }.`,
  hint: () => 'Use letters, digits and + = , . @ _ - only, e.g. `prod` or `data-eu`.',
};

const assumeMode: StringSchema = {
  type: 'string',
  description:
    'How the deployer role of an assumable account is reached: `chain` (AssumeRole from the master role) or `web-identity` (the GitHub OIDC token directly).',
  enum: ['chain', 'web-identity'],
  default: 'chain',
};

const filePath = (what: string): StringSchema => ({
  type: 'string',
  description: `${what}, relative to the config file.`,
  rules: [
    {
      pattern: /^[^\0]+$/,
      message: () => `The path of the ${what.toLowerCase()} is empty.`,
      hint: () => 'Write a path relative to the config file, e.g. `roles.yml`.',
    },
  ],
});

const APPROVAL_DESCRIPTIONS: Readonly<Record<ApprovalKey, string>> = {
  admin: 'Who must approve a grant of a role that gives admin (or a role that becomes admin).',
  'iam-write': 'Who must approve a grant of a role that can write IAM (or a role that comes to).',
  custom: 'Who must approve a grant of a role whose power the template does not show (custom).',
  'trust-widened': 'Who must approve a change that lets more principals assume a role (its trust policy).',
  'policy-gained-power': "Who must approve a change that gives a role's policies more power.",
};

const approverSchema: StringSchema = {
  type: 'string',
  description: 'A GitHub login (`alice-gh`) or a team as `org/team-slug`.',
  rules: [
    {
      pattern:
        /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?|[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/,
      message: (v) => `"${v}" is neither a GitHub login nor an \`org/team\` slug.`,
      hint: () => 'Write a login such as `alice-gh`, or a team as `octo-org/security`.',
    },
  ],
};

export const accountSchema: ObjectSchema = {
  type: 'object',
  description: 'An AWS account where the role stack is deployed.',
  properties: {
    name: {
      required: true,
      schema: {
        type: 'string',
        description: 'Short name of the account; IAM groups are named `<name>.<RoleLogicalId>`.',
        rules: [accountName],
      },
    },
    account_id: {
      required: true,
      schema: { type: 'account-id', description: 'The 12-digit account id, quoted.' },
    },
    role: {
      schema: {
        type: 'string',
        description: "Deployer role in this account (name or ARN); default: the master_account_role's name.",
        rules: [roleNameOrArn],
      },
    },
    assume: { schema: assumeMode },
  },
  legacy: { profile: 'Credentials come from GitHub OIDC; set `role` to the deployer role instead.' },
};

export const configSchema: ObjectSchema = {
  type: 'object',
  description: 'RoleModel configuration.',
  properties: {
    assumable_roles: { required: true, schema: filePath('CloudFormation template that defines the roles') },
    stack_name: {
      schema: {
        type: 'string',
        description: 'Name of the role stack in every assumable account.',
        default: DEFAULT_STACK_NAME,
        rules: [
          {
            pattern: STACK_NAME,
            message: (v) => `Stack name "${v}" is not valid for CloudFormation.`,
            hint: () =>
              'Start with a letter; use letters, digits and hyphens only; at most 128 characters (e.g. `RoleModel`).',
          },
        ],
      },
    },
    master_account_id: {
      required: true,
      schema: { type: 'account-id', description: 'Account that holds the IAM users and groups, quoted.' },
    },
    master_account_role: {
      schema: {
        type: 'string',
        description: 'Deployer role in the master account, assumed with the GitHub OIDC token (name or ARN).',
        default: DEFAULT_DEPLOYER_ROLE,
        rules: [roleNameOrArn],
      },
    },
    users: { schema: filePath('User map') },
    teams: { schema: filePath('Teams file') },
    region: {
      schema: {
        type: 'string',
        description: 'AWS region of the stacks (the `aws-region` input overrides it).',
        examples: ['us-east-1'],
        rules: [
          {
            pattern: REGION,
            message: (v) => `"${v}" is not an AWS region name.`,
            hint: () => 'Write a region such as `us-east-1`, `eu-west-1` or `us-gov-west-1`.',
          },
        ],
      },
    },
    assume: { schema: assumeMode },
    parameters: {
      schema: {
        type: 'map',
        description: 'Values of template parameters (other than AssumingAccountID, which is filled in).',
        keys: {
          type: 'string',
          description: 'Template parameter name.',
          rules: [
            {
              pattern: /^[A-Za-z0-9]{1,255}$/,
              message: (v) => `"${v}" is not a CloudFormation parameter name.`,
              hint: () => 'Parameter names are alphanumeric, as in the template.',
            },
          ],
        },
        values: { type: 'scalar', description: 'Parameter value.' },
      },
    },
    approvals: {
      schema: {
        type: 'object',
        description:
          "Who must approve a pull request whose plan escalates access, by kind of escalation. Approvers are GitHub logins or `org/team` slugs; the base branch's config is the one that counts.",
        properties: Object.fromEntries(
          APPROVAL_KEYS.map((key) => [
            key,
            { schema: { type: 'array', description: APPROVAL_DESCRIPTIONS[key], items: approverSchema } },
          ]),
        ),
      },
    },
    allow_transforms: {
      schema: {
        type: 'array',
        description:
          'Transforms the template may run (macros, AWS::Include, AWS::Serverless-2016-10-31), by name. CloudFormation runs them when a change set is created, that is while a pull request is planned, and the access review cannot see what they add: any transform not listed here is an error.',
        items: {
          type: 'string',
          description: 'A transform name as the template writes it, e.g. `AWS::LanguageExtensions`.',
          rules: [
            {
              pattern: /^[A-Za-z0-9_.:-]{1,256}$/,
              message: (v) => `"${v}" is not a transform name.`,
              hint: () => 'Write the name as the template does, e.g. `AWS::LanguageExtensions` or `MyMacro`.',
            },
          ],
        },
      },
    },
    max_grant_days: {
      schema: {
        type: 'integer',
        description:
          'A time-boxed grant (`until:` in the user map) that a pull request adds may end at most this many days after the pull request is planned. No limit when absent.',
        minimum: 1,
        examples: [30],
      },
    },
    require_reason: {
      schema: {
        type: 'boolean',
        description: 'Every time-boxed grant (`until:` in the user map) must say why, in `reason:`.',
        default: false,
      },
    },
    assumable_accounts: {
      required: true,
      schema: {
        type: 'array',
        description: 'Accounts that receive the role stack.',
        items: accountSchema,
        minItems: 1,
      },
    },
  },
  legacy: { master_account_profile: 'Credentials come from GitHub OIDC; set `master_account_role` instead.' },
};

export const userName: StringRule = {
  pattern: new RegExp(`^[\\w+=,.@-]{1,${USER_NAME_MAX}}$`),
  message: (v) =>
    v.length > USER_NAME_MAX
      ? `User name "${v}" is ${v.length} characters; IAM allows ${USER_NAME_MAX}.`
      : `"${v}" is not a valid IAM user name${invalidCharsText(v) ? `: ${invalidCharsText(v)}` : ''}.`,
  hint: () => 'Write the IAM user name exactly as in the master account (letters, digits and + = , . @ _ -).',
};

const userNameSchema: StringSchema = {
  type: 'string',
  description: 'IAM user name.',
  rules: [userName],
};

/** `until:` of a time-boxed grant. */
const grantEndSchema: StringSchema = {
  type: 'string',
  description:
    'When the grant ends: a date (access through the end of that day, UTC) or an RFC 3339 time with a zone.',
  examples: ['2026-12-31', '2026-12-03T18:00:00Z'],
  judgeWritten: true,
  rules: [
    {
      pattern: GRANT_END_PATTERN,
      message: (v) => `\`until: ${v}\` is not a date or a time RoleModel reads.`,
      hint: () => `Write ${GRANT_END_FORMS}.`,
    },
  ],
};

const reasonSchema: StringSchema = {
  type: 'string',
  description: 'Why the grant is given (a ticket, an incident); shown in the plan.',
  rules: [
    {
      pattern: /\S/,
      message: () => 'The `reason` is empty.',
      hint: () => 'Say why the grant is given, e.g. `reason: "INC-4711 database failover"`.',
    },
    {
      // Printable text only: control characters (line breaks included) are the one thing refused.
      // eslint-disable-next-line no-control-regex
      pattern: /^[^\u0000-\u001f\u007f]{1,500}$/,
      message: (v) =>
        v.length > 500
          ? `The \`reason\` is ${v.length} characters long.`
          : 'The `reason` holds a line break or a control character.',
      hint: () => 'Write one line of at most 500 characters; link to a ticket for more.',
    },
  ],
};

/**
 * One person in a list of people given a grant (the user map's roles, a team's members): a
 * user name, or `{ user, until, reason }` for a grant that ends by itself.
 */
export const grantEntrySchema: EitherSchema = {
  type: 'either',
  description: 'An IAM user name, or `{ user, until, reason }` for a grant that ends by itself.',
  variants: [
    userNameSchema,
    {
      type: 'object',
      description: 'A time-boxed grant: it ends by itself at `until`.',
      properties: {
        user: { required: true, schema: userNameSchema },
        until: { required: true, schema: grantEndSchema },
        reason: { schema: reasonSchema },
      },
    },
  ],
  hint: 'Write a user name (`- alice`), or a grant that ends: `- { user: dave, until: 2026-12-31, reason: "INC-4711" }`.',
};

export const logicalId: StringRule = {
  pattern: /^[A-Za-z0-9]+$/,
  message: (v) => `"${v}" is not a CloudFormation logical id.`,
  hint: () => 'Use the logical id of a role in the template, e.g. `AdminRole`.',
};

export const usersSchema: MapSchema = {
  type: 'map',
  description: 'Who may assume which role: account name -> role logical id -> IAM user names.',
  keys: { type: 'string', description: 'Account name from the config.', rules: [accountName] },
  values: {
    type: 'map',
    description: 'Role logical id -> IAM user names.',
    keys: {
      type: 'string',
      description: 'Logical id of an AWS::IAM::Role in the template.',
      rules: [logicalId],
    },
    values: {
      type: 'array',
      description:
        'IAM user names (existing users of the master account); `{ user, until, reason }` for a grant that ends by itself.',
      items: grantEntrySchema,
    },
  },
};
