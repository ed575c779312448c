import { ApiError } from '../../shared/api-error.ts';
import type { Preferences } from '../../shared/api.ts';
import { DEFAULT_PREFERENCES, preferenceStore, type KeyValueFile, type PreferenceStore } from '../preferences/preferences.ts';
import type { Store } from '../store/seam/store.ts';

/** The channel a process announces a changed setting on; every process reads the table again. */
export const SETTINGS_CHANNEL = 'nextcall_settings';

/**
 * What a team shares: the calling rules, the dial scheme, the default country; and `voice`, whether
 * calls are recorded and the consent announcement played first (main/phone/greetings.ts).
 */
const SHARED_KEYS: ReadonlySet<string> = new Set<string>(['dialScheme', 'defaultCountry', 'queueRules', 'voice'] satisfies (keyof Preferences | 'voice')[]);

/** Why a rep's own preference is not a team setting, per key a console may send. */
const NOT_SHARED: Partial<Record<string, string>> = {
  repName: 'On a team your name is your account’s name, not a setting: a team lead or admin renames an account.',
  callList: 'On a team a rep chooses the list they work in the list picker (lists.work), kept with their account; which lists they may work is the team lead’s to assign (lists.assign).',
};

export interface TeamSettings {
  /** The core's preferences: the team's settings, read from process memory, kept as the database has them. */
  prefs: PreferenceStore;
  stop(): Promise<void>;
}

/**
 * The settings a team shares, in the `team_settings` table (one row per key, JSON text, who
 * changed it and when). Every process holds the table's rows in memory, read at start and again
 * whenever any process announces a change on SETTINGS_CHANNEL, so the queue reads its rules
 * without a round trip and a change made through one process holds in all of them within the
 * announcement's delay (docs/TEAM.md, "Settings a team shares"). A change is written by `save`,
 * in one transaction with its announcement; what was changed in memory and could not be written
 * is taken back by reading the table again.
 */
export async function openTeamSettings(store: Store, now: () => number, log: (line: string) => void): Promise<TeamSettings> {
  const values = new Map<string, unknown>();
  const pending = new Map<string, unknown>();
  const reload = async () => {
    const rows = await store.all<{ key: string; value: string }>('SELECT key, value FROM team_settings');
    values.clear();
    for (const { key, value } of rows) values.set(key, JSON.parse(value) as unknown);
  };
  await reload();
  const readAgain = () => {
    reload().catch((error: unknown) => log(`Could not read the team's settings again: ${error instanceof Error ? error.message : String(error)}`));
  };
  // Told of each change, and of a return after the database was away (a change may have gone unheard).
  const stopListening = await store.listen(SETTINGS_CHANNEL, readAgain, readAgain);
  const file: KeyValueFile = {
    get: (key) => (pending.has(key) ? pending.get(key) : values.get(key)),
    set(key, value) {
      if (SHARED_KEYS.has(key)) {
        if (JSON.stringify(value) !== JSON.stringify(file.get(key))) pending.set(key, value);
        return;
      }
      // The preferences are written whole: a key left as it is (a rep's name, empty on a team) is no change.
      if (JSON.stringify(value) === JSON.stringify(DEFAULT_PREFERENCES[key as keyof Preferences])) return;
      pending.clear(); // the update is refused whole
      throw new ApiError('invalid-input', NOT_SHARED[key] ?? `"${key}" is kept on a rep’s own computer, not by the team server.`);
    },
    async flush(changedBy) {
      if (pending.size === 0) return;
      const changes = [...pending];
      pending.clear();
      try {
        await store.transaction(async (tx) => {
          for (const [key, value] of changes) {
            await tx.run(
              `INSERT INTO team_settings (key, value, changed_by, changed_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
              [key, JSON.stringify(value), changedBy, now()],
            );
          }
          await tx.notify(SETTINGS_CHANNEL, changes.map(([key]) => key).join(','));
        });
        for (const [key, value] of changes) values.set(key, value);
      } catch (error) {
        await reload();
        throw error;
      }
    },
  };
  return { prefs: preferenceStore(file), stop: stopListening };
}
