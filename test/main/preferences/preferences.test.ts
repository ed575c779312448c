import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { DEFAULT_PREFERENCES, memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { tempDir, testCore } from '../../helpers/test-core.ts';

describe('preferences', () => {
  it('start from sensible defaults', () => {
    expect(preferenceStore(memoryFile()).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'US', queueRules: DEFAULT_QUEUE_RULES, repName: '' });
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
    expect(preferenceStore(file).read()).toEqual({ dialScheme: 'tel', defaultCountry: 'GB', queueRules: DEFAULT_QUEUE_RULES, repName: '' });
  });

  it('take a key sent as undefined (as IPC sends it) for unchanged, not for an error', async () => {
    const core = testCore();
    core.prefs.update({ defaultCountry: 'GB' });
    const dispatch = createDispatcher(createHandlers(core), () => undefined);
    expect(await dispatch('prefs.set', { defaultCountry: undefined, repName: 'Ana' })).toMatchObject({ ok: true, value: { defaultCountry: 'GB', repName: 'Ana' } });
  });
});

describe('reading the preferences again', () => {
  it('sees a value the file took behind the store (another process, a hand edit) at once', () => {
    const file = memoryFile();
    const prefs = preferenceStore(file);
    expect(prefs.read().repName).toBe('');
    file.set('repName', 'Jordan');
    expect(prefs.read().repName).toBe('Jordan');
    file.set('queueRules', { ...DEFAULT_QUEUE_RULES, lifetimeAttemptCap: 3 });
    expect(prefs.read().queueRules.lifetimeAttemptCap).toBe(3);
    file.set('queueRules', 'not rules');
    expect(prefs.read().queueRules).toEqual(DEFAULT_QUEUE_RULES);
  });

  it('hands out its own copy: changing what was read changes neither the file nor the next read', () => {
    const prefs = preferenceStore(memoryFile());
    prefs.read().queueRules.window.days.push(6);
    prefs.read().repName = 'Mallory';
    expect(prefs.read().queueRules.window.days).toEqual([1, 2, 3, 4, 5]);
    expect(prefs.read().repName).toBe('');
  });
});
