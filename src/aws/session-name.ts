// STS role session names (2-64 of [\w+=,.@-]) that say which run and which person acted,
// so CloudTrail shows who changed access.
import { SESSION_NAME_CHARS } from '../core/names.ts';

export const sessionName = (runId: string | undefined, actor: string | undefined, suffix = ''): string => {
  const raw = ['rolemodel', runId ?? 'local', actor ?? 'unknown', suffix].filter(Boolean).join('-');
  const clean = raw.replace(SESSION_NAME_CHARS, '_').slice(0, 64);
  return clean.length >= 2 ? clean : 'rolemodel';
};
