// The role template as it is on the pull request's base branch, read leniently: it only
// serves to compare each role's power before and after. Undefined when it does not parse.
import { parse } from 'yaml';
import { resolveRelative } from '../config/parse-config.ts';
import type { RoleTemplate } from '../model.ts';
import { cfnCustomTags } from '../yaml/cfn-tags.ts';
import { loadYaml } from '../yaml/load.ts';
import { parseTemplate } from './parse-template.ts';

export const parseBaseTemplate = (file: string, text: string): RoleTemplate | undefined => {
  const loaded = loadYaml(file, new TextEncoder().encode(text), {
    example: '',
    customTags: cfnCustomTags,
  });
  return loaded.ok ? parseTemplate(loaded.value).template : undefined;
};

/** Where a version of the config puts the template (relative to the workspace), if it says. */
export const templatePathOf = (configFile: string, configText: string): string | undefined => {
  let data: unknown;
  try {
    data = parse(configText, { maxAliasCount: 200 });
  } catch {
    return undefined;
  }
  const written = (data as { assumable_roles?: unknown } | null)?.assumable_roles;
  return typeof written === 'string' && written !== '' ? resolveRelative(configFile, written) : undefined;
};
