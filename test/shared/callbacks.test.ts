import { describe, expect, it } from 'vitest';
import { callbackChoices } from '../../shared/callbacks.ts';
import type { CallingWindow } from '../../shared/queue-rules.ts';

const WEEKDAYS_8_TO_8: CallingWindow = { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 20 * 60 };
const US_FEDERAL: CallingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: 8 * 60, end: 21 * 60 };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const view = (now: string, zone: string, windows: CallingWindow[] = [WEEKDAYS_8_TO_8, US_FEDERAL]) =>
  callbackChoices(at(now), zone, windows).map((c) => ({ id: c.id, local: c.local, at: iso(c.at), moved: c.moved }));

describe('the callback picker’s quick choices', () => {
  it('are on the lead’s clock, not the rep’s: tomorrow 9:00 in Los Angeles is 17:00 UTC', () => {
    // Monday 23 November 2026, 10:00 in Los Angeles (19:00 in Paris, where the rep may sit).
    expect(view('2026-11-23T18:00:00Z', 'America/Los_Angeles')).toEqual([
      { id: 'in-an-hour', local: '2026-11-23T11:00', at: '2026-11-23T19:00:00.000Z', moved: null },
      { id: 'tomorrow-9', local: '2026-11-24T09:00', at: '2026-11-24T17:00:00.000Z', moved: null },
      { id: 'tomorrow-14', local: '2026-11-24T14:00', at: '2026-11-24T22:00:00.000Z', moved: null },
      { id: 'next-monday', local: '2026-11-30T09:00', at: '2026-11-30T17:00:00.000Z', moved: null },
    ]);
  });

  it('"tomorrow" is the lead’s tomorrow, even when the rep’s day has already turned', () => {
    // 23:30 on Monday in Honolulu is Tuesday 10:30 in Paris: the lead's tomorrow is Tuesday.
    const [, tomorrow] = view('2026-11-24T09:30:00Z', 'Pacific/Honolulu', []);
    expect(tomorrow).toMatchObject({ id: 'tomorrow-9', local: '2026-11-24T09:00', at: '2026-11-24T19:00:00.000Z' });
  });

  it('in 1 h lands on the nearest round five minutes', () => {
    expect(view('2026-11-23T15:03:10Z', 'America/New_York')[0]).toMatchObject({ local: '2026-11-23T11:05', moved: null });
    expect(view('2026-11-23T15:00:05Z', 'America/New_York')[0]).toMatchObject({ local: '2026-11-23T11:00', moved: null });
  });

  it('an hour from now after calling hours moves to the next opening, and says so', () => {
    // Monday 19:30 in New York: 20:30 is past the 20:00 end; Tuesday 8:00 is the next opening.
    const [inAnHour] = view('2026-11-24T00:30:00Z', 'America/New_York');
    expect(inAnHour).toMatchObject({ id: 'in-an-hour', local: '2026-11-24T08:00', moved: 'outside the lead’s calling hours: moved to Tue 08:00' });
  });

  it('on a Friday, tomorrow (Saturday) moves to Monday; the moved 9:00 gives way to next Monday 9:00', () => {
    // Friday 27 November 2026, 10:00 in Chicago.
    expect(view('2026-11-27T16:00:00Z', 'America/Chicago').map((c) => [c.id, c.local, c.moved !== null])).toEqual([
      ['in-an-hour', '2026-11-27T11:00', false],
      ['tomorrow-14', '2026-11-30T14:00', true],
      ['next-monday', '2026-11-30T09:00', false],
    ]);
  });

  it('the lead’s own window counts: a list that calls on Saturdays keeps tomorrow, the law still ends at 9 pm', () => {
    const everyDay: CallingWindow = { days: [1, 2, 3, 4, 5, 6, 7], start: 7 * 60, end: 22 * 60 };
    const choices = view('2026-11-27T16:00:00Z', 'America/Chicago', [everyDay, US_FEDERAL]);
    expect(choices.find((c) => c.id === 'tomorrow-9')).toMatchObject({ local: '2026-11-28T09:00', moved: null });
    // Friday 20:30 in Chicago: in 1 h is 21:30, past the federal 21:00.
    expect(view('2026-11-28T02:30:00Z', 'America/Chicago', [everyDay, US_FEDERAL])[0]).toMatchObject({ local: '2026-11-28T08:00' });
  });

  it('on a Sunday, next Monday is tomorrow: one choice, not two alike', () => {
    const choices = view('2026-11-29T15:00:00Z', 'Europe/Paris', []);
    expect(choices.map((c) => c.id)).toEqual(['in-an-hour', 'tomorrow-9', 'tomorrow-14']);
    expect(choices[1]).toMatchObject({ local: '2026-11-30T09:00' });
  });

  it('keeps 9:00 on the lead’s clock across a change of the clocks', () => {
    // Saturday 31 October 2026 in Paris: the clocks go back that night; Sunday 9:00 is 08:00 UTC, not 07:00.
    const [, tomorrow] = view('2026-10-31T10:00:00Z', 'Europe/Paris', []);
    expect(tomorrow).toMatchObject({ local: '2026-11-01T09:00', at: '2026-11-01T08:00:00.000Z' });
  });

  it('offers nothing when the lead’s window never opens', () => {
    const never: CallingWindow = { days: [6], start: 8 * 60, end: 20 * 60 };
    expect(view('2026-11-23T15:00:00Z', 'America/New_York', [never, { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 20 * 60 }])).toEqual([]);
  });
});
