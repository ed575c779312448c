import Conf from 'conf';
import { preferenceStore, type PreferenceStore } from './preferences.ts';

/** Preferences for the web host and the CLI: `preferences.json` in the data folder. */
export function confPreferences(dataDir: string): PreferenceStore {
  const file = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'preferences', projectName: 'nextcall' });
  return preferenceStore(file);
}
