import { describe, expect, it } from 'vitest';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { DEFAULT_PREFERENCES, memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { tempDir } from '../../helpers/test-core.ts';

describe('preferences', () => {
  it('start from sensible defaults', () => {
    expect(preferenceStore(memoryFile()).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'US', queueRules: DEFAULT_QUEUE_RULES, repName: '', callList: null });
    expect(DEFAULT_QUEUE_RULES.window).toEqual({ days: [1, 2, 3, 4, 5], start: 480, end: 1200 });
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
    file.set('queueRules', { window: { days: [], start: 600, end: 480 } });
    expect(preferenceStore(file).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'GB', queueRules: DEFAULT_QUEUE_RULES, repName: '', callList: null });
  });
});
