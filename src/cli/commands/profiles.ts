// `rolemodel profiles [--write]`: `~/.aws/config` profiles for every role the caller holds,
// found from their own groups in the master account; --write merges them into the file in
// one marked block, leaving everything else in it as it was.
import { callerGrants, mfaDevices, whoAmI } from '../../aws/caller.ts';
import { mergeProfilesBlock, profileNameOf, profilesBlock } from '../../core/access/aws-profiles.ts';
import type { AssumableRole } from '../../core/access/aws-profiles.ts';
import type { NamingFiles } from '../../core/access/grant-name.ts';
import { parseGrantName } from '../../core/access/targets.ts';
import type { Repository } from '../../core/load-repository.ts';
import { MANAGED_GROUP_PATH } from '../../core/model.ts';
import { analyzeRole } from '../../core/privilege/privilege.ts';
import { clean } from '../../core/render/terminal/escape.ts';
import { UsageError } from '../args.ts';
import { awsConfigPath, readAwsConfig, writeAwsConfig } from '../aws-config-file.ts';
import { personalClients, profileInUse, regionOf } from '../aws.ts';
import type { CliContext } from '../context.ts';
import { CliError, EXIT } from '../context.ts';
import { configGiven, loadFiles } from '../repository.ts';
import { note, printJson, showDiagnostics, wantsJson } from './common.ts';

/** The files, when --config names them: they say which roles require MFA. */
const repositoryOf = (ctx: CliContext): Repository | undefined => {
  const config = configGiven(ctx);
  if (config === undefined) return undefined;
  const files = loadFiles(ctx, config);
  showDiagnostics(ctx, files.diagnostics);
  if (files.repository === undefined)
    throw new CliError('The RoleModel files have problems; fix them or leave out --config.');
  return files.repository;
};

/** What names the roles a team grants: the accounts and roles of the files. */
const namingFiles = (repository: Repository): NamingFiles => ({
  stackName: repository.config.stackName,
  accounts: repository.config.accounts.map((a) => ({ name: a.name, accountId: a.accountId })),
  roles: repository.template.roles,
});

/** From the template when it has the role; else assume MFA whenever the person has a device. */
const requiresMfa = (repository: Repository | undefined, group: string, hasDevice: boolean): boolean => {
  const role = repository?.template.roles.find((r) => r.logicalId === parseGrantName(group)?.role);
  if (repository === undefined || role === undefined) return hasDevice;
  return analyzeRole(repository.template.document, role.logicalId, role.roleName).trust.requiresMfa;
};

export const profilesCommand = async (ctx: CliContext): Promise<number> => {
  if (ctx.request.operands.length > 0)
    throw new UsageError(
      `unexpected "${ctx.request.operands[0] ?? ''}": profiles takes no operand.`,
      'profiles',
    );
  const repository = repositoryOf(ctx);
  const region = regionOf(ctx, repository?.config.region);
  const { iam, sts } = personalClients(ctx, region ?? 'us-east-1');
  const caller = await whoAmI(iam, sts);
  if (caller.kind !== 'user')
    throw new CliError(
      `${caller.arn} is not an IAM user of the master account; profiles are for the people in RoleModel groups.`,
    );
  const [grants, devices] = await Promise.all([
    callerGrants(iam, caller.userName, MANAGED_GROUP_PATH, repository && namingFiles(repository)),
    mfaDevices(iam, caller.userName),
  ]);
  for (const g of grants.filter((x) => x.roleArn === undefined))
    ctx.err(
      `${ctx.errStyle.yellow('warning')}: ${clean(g.group)} has no policy naming its role; left out.\n`,
    );
  const roles: AssumableRole[] = grants.flatMap((g) =>
    g.roleArn === undefined
      ? []
      : [
          {
            grant: g.group,
            roleArn: g.roleArn,
            requiresMfa: requiresMfa(repository, g.group, devices.length > 0),
          },
        ],
  );
  const settings = {
    sourceProfile:
      typeof ctx.request.options['source-profile'] === 'string'
        ? ctx.request.options['source-profile']
        : profileInUse(ctx),
    mfaSerial: devices[0],
    region,
    sessionName: caller.userName,
  };
  const block = profilesBlock(
    roles,
    settings,
    `Roles ${caller.userName} may assume from the master account ${caller.accountId}.`,
  );
  const profiles = roles.map((r) => ({ profile: profileNameOf(r.grant), ...r }));
  if (roles.length === 0) note(ctx, `${caller.userName} holds no RoleModel role.`);
  if (ctx.request.options.write !== true) {
    if (wantsJson(ctx))
      printJson(ctx, { command: 'profiles', user: caller.userName, profiles, written: null });
    else ctx.out(block);
    return EXIT.ok;
  }
  const path = awsConfigPath(ctx);
  const merged = mergeProfilesBlock(
    readAwsConfig(path),
    block,
    path,
    profiles.map((p) => p.profile),
  );
  if (!merged.ok) {
    showDiagnostics(ctx, merged.problems);
    throw new CliError(`${path} was not changed.`);
  }
  writeAwsConfig(path, merged.text);
  if (wantsJson(ctx)) printJson(ctx, { command: 'profiles', user: caller.userName, profiles, written: path });
  else
    ctx.out(
      `${merged.replaced ? 'Replaced' : 'Added'} the RoleModel block in ${clean(path)}: ${profiles.length} profile(s)${profiles.length > 0 ? `, e.g. aws --profile ${clean(profiles[0]?.profile ?? '')} sts get-caller-identity` : ''}.\n`,
    );
  return EXIT.ok;
};
