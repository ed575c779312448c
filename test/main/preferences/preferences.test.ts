import { describe, expect, it } from 'vitest';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { DEFAULT_PREFERENCES, memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { tempDir } from '../../helpers/test-core.ts';

describe('preferences', () => {
  it('start from sensible defaults', () => {
    expect(preferenceStore(memoryFile()).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'US' });
  });

  it('survive a restart in the data folder', () => {
    const dir = tempDir();
    confPreferences(dir).update({ dialScheme: 'sip' });
    expect(confPreferences(dir).read().dialScheme).toBe('sip');
  });

  it('refuse an invalid value and keep the old one', () => {
    const prefs = preferenceStore(memoryFile());
    expect(() => prefs.update({ defaultCountry: 'usa' })).toThrow();
    expect(prefs.read()).toEqual(DEFAULT_PREFERENCES);
  });

  it('fall back key by key when the file holds something broken', () => {
    const file = memoryFile();
    file.set('dialScheme', 'javascript');
    file.set('defaultCountry', 'GB');
    expect(preferenceStore(file).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'GB' });
  });
});
