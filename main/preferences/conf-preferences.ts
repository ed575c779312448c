import Conf from 'conf';
import { preparePrivateFolder } from '../data-dir.ts';
import { PRIVATE_FILE_MODE } from '../store/private-files.ts';
import { preferenceStore, type PreferenceStore } from './preferences.ts';

/** Preferences for the web host and the CLI: `preferences.json` in the data folder. */
export function confPreferences(dataDir: string): PreferenceStore {
  // conf would create a missing data folder 0755 and its file 0644; the folder is made private
  // first, and configFileMode holds the file at 0600 on every write (conf writes a new file and
  // renames it over the old one, so a chmod once would not last).
  preparePrivateFolder(dataDir);
  const file = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'preferences', projectName: 'nextcall', configFileMode: PRIVATE_FILE_MODE });
  return preferenceStore(file);
}
