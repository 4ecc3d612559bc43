// Where things are: the repository root (three levels up from this file) and its defaults.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The bundled action, as `runs.main` in action.yml names it. `ROLEMODEL_ACTION_SCRIPT` points the
 * tests at another bundle, e.g. one built from an older commit to show a test failing before a fix.
 */
export const DEFAULT_SCRIPT = process.env['ROLEMODEL_ACTION_SCRIPT'] || join(REPO_ROOT, 'dist', 'index.js');
export const DEFAULT_ACTION_YML = join(REPO_ROOT, 'action.yml');
/** Node 24, the version `runs.using: node24` gives the action. */
export const DEFAULT_NODE = join(REPO_ROOT, 'node_modules', '.bin', 'node');

/** Unroutable local endpoints used when no emulator is passed, so a test never reaches the real services. */
export const NOWHERE_URL = 'http://127.0.0.1:9';
