// The one heading every report of the action starts with: `## RoleModel <command>`.
import type { CommandName } from '../report/types.ts';

export const reportHeading = (command: CommandName | 'run'): string => `## RoleModel ${command}`;
