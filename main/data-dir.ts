import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, resolve, win32 } from 'node:path';
import { CLEAN_CLOSE_SUFFIX } from './store/clean-close.ts';
import { PRIVATE_FOLDER_MODE, tightenPrivateTree } from './store/private-files.ts';

/**
 * Where Nextcall keeps its store when no --data-dir is given: the same folder Electron uses as
 * its userData for an app named Nextcall, so the desktop app and the web host share one store.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return win32.join(absoluteOrUnset(win32, env.APPDATA) ?? win32.join(homedir(), 'AppData', 'Roaming'), 'Nextcall');
  if (platform === 'darwin') return posix.join(homedir(), 'Library', 'Application Support', 'Nextcall');
  return posix.join(absoluteOrUnset(posix, env.XDG_CONFIG_HOME) ?? posix.join(homedir(), '.config'), 'Nextcall');
}

/**
 * The XDG Base Directory spec says a relative path in XDG_CONFIG_HOME is invalid and is to be
 * ignored, and an empty one means unset (Windows' APPDATA is read the same way). Taken as given, either would put the store in
 * ./Nextcall under whatever folder the app was started from: a second store, silently.
 */
function absoluteOrUnset(path: typeof posix, value: string | undefined): string | undefined {
  return value && path.isAbsolute(value) ? value : undefined;
}

export const STORE_FILE = 'nextcall.sqlite';

/**
 * What Nextcall keeps in the data folder, tightened on every start (an older version left them
 * 0755/0644). Only these: a --data-dir may be a folder that also holds the user's own files,
 * and those are not ours to change. A new file or folder kept in the data folder (backups, say)
 * is added here, and written with the helpers in store/private-files.ts.
 */
export const PRIVATE_ENTRIES = [
  STORE_FILE,
  `${STORE_FILE}-wal`,
  `${STORE_FILE}-shm`,
  `${STORE_FILE}-journal`,
  /** The record of the store's last clean close (store/clean-close.ts). */
  `${STORE_FILE}${CLEAN_CLOSE_SUFFIX}`,
  /** The web host's and the CLI's preferences (conf), and the desktop app's (electron-store). */
  'preferences.json',
  'backups',
  /** The rep's greetings and the recorded calls (main/phone/greetings.ts, recordings.ts). */
  'greetings',
  'recordings',
];

/**
 * Creates the data folder 0700, or tightens an existing one when it is Nextcall's: the default
 * folder, or a --data-dir that holds nothing but Nextcall's entries. A --data-dir that also holds
 * other things (/tmp, a home or project folder) keeps its mode: chmod 0700 on /tmp would lock every
 * other account out of it. Nextcall's own files there are 0600 all the same.
 */
export function preparePrivateFolder(dataDir: string): void {
  const existed = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const ours = !existed || resolve(dataDir) === resolve(defaultDataDir()) || readdirSync(dataDir).every((entry) => PRIVATE_ENTRIES.includes(entry));
  if (ours) tightenPrivateTree(dataDir, { recursive: false });
}

/**
 * Tightens what Nextcall keeps in the data folder (PRIVATE_ENTRIES), once the store is open:
 * SQLite creates a new store 0644, and its -wal and -shm files take the store's mode when SQLite
 * makes them, so with the store at 0600 every later journal file is 0600 too. (Until then the
 * folder, 0700, keeps everyone else out.)
 */
export function tightenPrivateEntries(dataDir: string): void {
  for (const entry of PRIVATE_ENTRIES) tightenPrivateTree(join(dataDir, entry));
}
