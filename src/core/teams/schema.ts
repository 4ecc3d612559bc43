// What the teams file may hold. The checker and schemas/teams.schema.json both come from here.
import { accountName, grantEntrySchema, logicalId } from '../config/schema.ts';
import { invalidCharsText } from '../names.ts';
import type { MapSchema, StringRule } from '../schema/types.ts';
import { EVERY_ACCOUNT } from '../model.ts';
import { TEAM_NAME_MAX, teamGroupName } from './names.ts';

const teamName: StringRule = {
  pattern: new RegExp(`^[\\w+=,@-]{1,${TEAM_NAME_MAX}}$`),
  message: (v) =>
    v.includes('.')
      ? `Team name "${v}" contains "."; team names have none, so that a team's group (\`${teamGroupName('<name>')}\`) is never named like an \`<account>.<role>\` group.`
      : v.length > TEAM_NAME_MAX
        ? `Team name "${v}" is ${v.length} characters; at most ${TEAM_NAME_MAX} fit in its IAM group and policy names.`
        : `Team name "${v}" cannot be part of an IAM group name${
            invalidCharsText(v) ? `: ${invalidCharsText(v)}` : ''
          }.`,
  hint: (v) =>
    `Use letters, digits and + = , @ _ - only, e.g. \`${v.replace(/[^\w+=,@-]+/g, '-').slice(0, TEAM_NAME_MAX) || 'sre'}\`.`,
};

/** `'*'`, or an account name as the config's accounts are written. */
const grantAccount: StringRule = {
  pattern: new RegExp(`^(?:\\${EVERY_ACCOUNT}|${accountName.pattern.source.slice(1, -1)})$`),
  message: (v) => (v.length === 0 ? 'The account name is empty.' : accountName.message(v)),
  hint: () =>
    `Write an account name of the config (e.g. \`prod\`), or \`'${EVERY_ACCOUNT}'\` for every account.`,
};

export const teamsSchema: MapSchema = {
  type: 'map',
  description: `Teams: each team is one IAM group (\`${teamGroupName('<name>')}\` under /RoleModel/) whose members may assume every role it grants, in every account it names.`,
  keys: {
    type: 'string',
    description: `Team name (letters, digits and + = , @ _ -; no dot); its group is \`${teamGroupName('<name>')}\`.`,
    rules: [teamName],
  },
  values: {
    type: 'object',
    description: 'A team: who is in it, and which roles it grants in which accounts.',
    properties: {
      members: {
        required: true,
        schema: {
          type: 'array',
          description:
            'IAM user names (existing users of the master account); `{ user, until, reason }` for a membership that ends by itself; `[]` for nobody.',
          items: grantEntrySchema,
        },
      },
      grants: {
        required: true,
        schema: {
          type: 'map',
          description: `Account name from the config, or '${EVERY_ACCOUNT}' for every account of the config (also those added later) -> role logical ids.`,
          keys: {
            type: 'string',
            description: `An account name of the config, or '${EVERY_ACCOUNT}'.`,
            rules: [grantAccount],
          },
          values: {
            type: 'array',
            description: 'Logical ids of AWS::IAM::Role resources of the template.',
            items: { type: 'string', description: 'Role logical id, e.g. `AdminRole`.', rules: [logicalId] },
          },
        },
      },
    },
  },
};
