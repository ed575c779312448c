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
  windowBounds(): WindowBounds | undefined;
  saveWindowBounds(bounds: WindowBounds): void;
}

export const DEFAULT_PREFERENCES: Preferences = { dialScheme: 'tel', defaultCountry: 'US', queueRules: DEFAULT_QUEUE_RULES, repName: '', callList: null };

export function preferenceStore(file: KeyValueFile): PreferenceStore {
  // A hand-edited or older file may hold anything: each key falls back to its default alone.
  const read = (): Preferences => {
    const shape = preferencesSchema.shape;
    return {
      dialScheme: shape.dialScheme.catch(DEFAULT_PREFERENCES.dialScheme).parse(file.get('dialScheme')),
      defaultCountry: shape.defaultCountry.catch(DEFAULT_PREFERENCES.defaultCountry).parse(file.get('defaultCountry')),
      queueRules: shape.queueRules.catch(DEFAULT_PREFERENCES.queueRules).parse(file.get('queueRules')),
      repName: shape.repName.catch(DEFAULT_PREFERENCES.repName).parse(file.get('repName')),
      callList: shape.callList.catch(DEFAULT_PREFERENCES.callList).parse(file.get('callList') ?? null),
    };
  };
  return {
    read,
    update(patch) {
      const next = preferencesSchema.parse({ ...read(), ...patch });
      for (const [key, value] of Object.entries(next)) file.set(key, value);
      return next;
    },
    windowBounds() {
      const value = file.get('windowBounds') as WindowBounds | undefined;
      return value && Number.isFinite(value.width) && Number.isFinite(value.height) ? value : undefined;
    },
    saveWindowBounds(bounds) {
      file.set('windowBounds', bounds);
    },
  };
}

/** An in-memory file, for tests and for a CLI run that must not touch the user's settings. */
export function memoryFile(): KeyValueFile {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}
