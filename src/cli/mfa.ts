// Asking for the code of an MFA device: six digits, typed on the terminal or given as a line
// on standard input. A wrong shape is asked again on a terminal, refused from a pipe.
import { clean } from '../core/render/terminal/escape.ts';
import type { CliContext } from './context.ts';
import { CliError } from './context.ts';

const ATTEMPTS = 3;

export const askMfaCode = (ctx: CliContext, serial: string): string => {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const answer = ctx.ask(`MFA code for ${clean(serial)}: `);
    if (answer === undefined)
      throw new CliError(
        `An MFA code for ${serial} is needed, but standard input has ended. Run the command in a terminal, or pipe the code in.`,
      );
    const code = answer.trim();
    if (/^\d{6}$/.test(code)) return code;
    if (!ctx.chatty) break;
    ctx.err(`"${clean(code)}" is not a code: type the 6 digits your MFA device shows.`);
  }
  throw new CliError('The MFA code must be the 6 digits your MFA device shows.');
};
