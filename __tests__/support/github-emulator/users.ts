// User objects as GitHub renders them; the token's identity is the Actions bot.
import type { GitHubUser } from './types.ts';

export const makeUser = (login: string, type: GitHubUser['type'] = 'User', id?: number): GitHubUser => {
  const uid = id ?? idFromLogin(login);
  return {
    login,
    id: uid,
    node_id: `${type === 'Bot' ? 'BOT' : 'U'}_kgDO${Buffer.from(String(uid)).toString('base64url')}`,
    type,
    site_admin: false,
    url: `https://api.github.com/users/${encodeURIComponent(login)}`,
    html_url: `https://github.com/${encodeURIComponent(login)}`,
  };
};

/** Stable ids per login so the same user looks the same across runs. */
const idFromLogin = (login: string): number => {
  let h = 7;
  for (const ch of login) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 90_000_000;
  return 10_000_000 + h;
};

export const actionsBot: GitHubUser = makeUser('github-actions[bot]', 'Bot', 41898282);
