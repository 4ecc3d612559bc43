// The role template as it is on the pull request's base branch, read leniently: it only
// serves to compare each role's power before and after. Undefined when it does not parse.
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
