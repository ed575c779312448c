import { preferencesSchema, type Preferences } from '../../shared/api.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';

/**
 * Preferences (not data): dial scheme, default country, window bounds. Inside Electron they
 * live in electron-store; the web host and the CLI use `conf`, the library electron-store is
 * built on, in their data folder. Both satisfy KeyValueFile, so this is the one reader.
 */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  /** Writes what `set` kept in memory where it lasts (the team's settings: a database); files write at once. */
  flush?(changedBy: string | null): Promise<void>;
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface PreferenceStore {
  read(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
  /** Resolves once the last update is stored (at once for a file; a team's settings travel to the database). */
  saved(changedBy: string | null): Promise<void>;
  windowBounds(): WindowBounds | undefined;
  saveWindowBounds(bounds: WindowBounds): void;
  /** A key another domain keeps in the same file, read and written whole (the phone's settings: main/phone/). */
  section(key: 'phone' | 'voice' | 'teamServer' | 'teamSession'): { read(): unknown; write(value: unknown): void };
}

export const DEFAULT_PREFERENCES: Preferences = { dialScheme: 'tel', defaultCountry: 'US', queueRules: DEFAULT_QUEUE_RULES, repName: '', callList: null };

/** Stands for undefined in the key of the last read (JSON drops undefined, a file may hold it). */
const UNDEFINED = '\u0000undefined';

export function preferenceStore(file: KeyValueFile): PreferenceStore {
  // A hand-edited or older file may hold anything: each key falls back to its default alone.
  const parse = (raw: Record<keyof Preferences, unknown>): Preferences => {
    const shape = preferencesSchema.shape;
    return {
      dialScheme: shape.dialScheme.catch(DEFAULT_PREFERENCES.dialScheme).parse(raw.dialScheme),
      defaultCountry: shape.defaultCountry.catch(DEFAULT_PREFERENCES.defaultCountry).parse(raw.defaultCountry),
      queueRules: shape.queueRules.catch(DEFAULT_PREFERENCES.queueRules).parse(raw.queueRules),
      repName: shape.repName.catch(DEFAULT_PREFERENCES.repName).parse(raw.repName),
      callList: shape.callList.catch(DEFAULT_PREFERENCES.callList).parse(raw.callList ?? null),
    };
  };
  // A disposition reads the preferences several times; validating costs ~50 µs a time, so the
  // last answer is kept for as long as the file holds the same values, and handed out as a copy.
  let last: { key: string; preferences: Preferences } | null = null;
  const read = (): Preferences => {
    const raw = { dialScheme: file.get('dialScheme'), defaultCountry: file.get('defaultCountry'), queueRules: file.get('queueRules'), repName: file.get('repName'), callList: file.get('callList') };
    const key = JSON.stringify(raw, (_, value: unknown) => (value === undefined ? UNDEFINED : value));
    if (last?.key !== key) last = { key, preferences: parse(raw) };
    return structuredClone(last.preferences);
  };
  return {
    read,
    update(patch) {
      // A key sent as undefined means "unchanged": IPC keeps such keys (JSON drops them), and
      // spread over the current values it would blank one and fail the whole update.
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = preferencesSchema.parse({ ...read(), ...given });
      for (const [key, value] of Object.entries(next)) file.set(key, value);
      return next;
    },
    saved: async (changedBy) => file.flush?.(changedBy),
    windowBounds() {
      const value = file.get('windowBounds') as WindowBounds | undefined;
      return value && Number.isFinite(value.width) && Number.isFinite(value.height) ? value : undefined;
    },
    saveWindowBounds(bounds) {
      file.set('windowBounds', bounds);
    },
    section: (key) => ({ read: () => file.get(key), write: (value) => file.set(key, value) }),
  };
}

/** An in-memory file, for tests and for a CLI run that must not touch the user's settings. */
export function memoryFile(): KeyValueFile {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}
