import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Nextcall keeps its store when no --data-dir is given: the same folder Electron uses as
 * its userData for an app named Nextcall, so the desktop app and the web host share one store.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Nextcall');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Nextcall');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Nextcall');
}

export const STORE_FILE = 'nextcall.sqlite';
