// `rolemodel list`: every stack and role with its ARN, members and console link; reads only.
import { readListing } from '../../aws/read-listing.ts';
import { renderListingText } from '../../core/render/terminal/listing.ts';
import { adminSession, concurrencyOf } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { EXIT } from '../context.ts';
import { note, printJson, validFiles, wantsJson } from './common.ts';

export const listCommand = async (ctx: CliContext): Promise<number> => {
  const { files, repository } = validFiles(ctx);
  const session = adminSession(ctx, files, repository);
  note(ctx, `Reading the master account and ${repository.config.accounts.length} account(s)…`);
  const listing = await readListing(repository, session, concurrencyOf(ctx));
  if (wantsJson(ctx)) printJson(ctx, { command: 'list', ...listing });
  else ctx.out(renderListingText(listing, ctx.style));
  return listing.accounts.some((a) => a.error !== undefined) ? EXIT.failed : EXIT.ok;
};
