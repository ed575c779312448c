import { describe, expect, it } from 'vitest';
import { closesForGood, DEFAULT_DISPOSITIONS, dispositionSchema } from '../../shared/dispositions.ts';

const withKey = (hotkey: string) => dispositionSchema.safeParse({ code: 'reached', label: 'Reached', hotkey, contact: true, countsAsAttempt: true });
const problem = (hotkey: string) => {
  const parsed = withKey(hotkey);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('the keys a disposition may take', () => {
  it.each([
    ['q', 'Q is the console\'s own key (the next leads)'],
    ['y', 'Y is the console\'s own key (copy the number)'],
    ['c', 'C is the console\'s own key (call)'],
    ['/', '/ is the console\'s own key (search)'],
    ['?', '? is the console\'s own key (the list of keys)'],
    ['h', 'H is the console\'s own key (kept for the softphone: hang up)'],
    ['M', 'M is the console\'s own key (kept for the softphone: mute)'],
    ['P', 'P is the console\'s own key (kept for the softphone: hold)'],
    ['v', 'V is the console\'s own key (kept for the softphone: voicemail drop)'],
  ])('refuses %s in words', (key, words) => {
    expect(problem(key)).toBe(`hotkey: ${words}: pick a digit or another letter`);
  });

  it('reads a capital as its letter, since Shift and Caps Lock do not change the key', () => {
    expect(withKey('D')).toMatchObject({ success: true, data: { hotkey: 'd' } });
    expect(withKey('7')).toMatchObject({ success: true, data: { hotkey: '7' } });
  });

  it('takes one key only', () => {
    expect(problem('dd')).toBe('hotkey: one digit or one letter');
    expect(problem('')).toBe('hotkey: one digit or one letter');
  });

  it('no default disposition sits on a key the console keeps', () => {
    for (const d of DEFAULT_DISPOSITIONS) expect(withKey(d.hotkey).success, d.code).toBe(true);
  });
});

describe('dispositions that close a lead for good', () => {
  it('are do-not-call and disqualified, among the defaults', () => {
    expect(DEFAULT_DISPOSITIONS.filter(closesForGood).map((d) => d.code)).toEqual(['do-not-call', 'disqualified']);
  });
});
