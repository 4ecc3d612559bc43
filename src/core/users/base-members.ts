// Memberships in another version of the user map (the pull request's base), read leniently:
// it only serves to tell removals made in git from members added by hand.
import { parse } from 'yaml';

export const membershipsOf = (usersYaml: string): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>();
  let data: unknown;
  try {
    data = parse(usersYaml, { uniqueKeys: false, maxAliasCount: 200 });
  } catch {
    return out;
  }
  if (typeof data !== 'object' || data === null) return out;
  for (const [account, roles] of Object.entries(data as Record<string, unknown>)) {
    if (typeof roles !== 'object' || roles === null) continue;
    for (const [role, users] of Object.entries(roles as Record<string, unknown>)) {
      if (!Array.isArray(users)) continue;
      out.set(`${account}.${role}`, new Set(users.filter((u): u is string => typeof u === 'string')));
    }
  }
  return out;
};
