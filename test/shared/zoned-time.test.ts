import { describe, expect, it } from 'vitest';
import { addDays, fromZonedInput, isTimeZone, toZonedInput, zonedDayRange, zonedDays } from '../../shared/zoned-time.ts';

describe('times in the lead’s zone', () => {
  it('reads a local time as an instant, in winter and in summer', () => {
    expect(new Date(fromZonedInput('2026-11-24T10:00', 'America/Chicago')!).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(new Date(fromZonedInput('2026-07-01T10:00', 'America/Chicago')!).toISOString()).toBe('2026-07-01T15:00:00.000Z');
    expect(new Date(fromZonedInput('2026-11-24T10:00', 'Europe/Paris')!).toISOString()).toBe('2026-11-24T09:00:00.000Z');
  });

  it('shows an instant as the zone’s clock does, and round-trips', () => {
    expect(toZonedInput(Date.parse('2026-11-24T16:00:00Z'), 'America/Chicago')).toBe('2026-11-24T10:00');
    expect(toZonedInput(fromZonedInput('2026-03-08T09:15', 'America/New_York')!, 'America/New_York')).toBe('2026-03-08T09:15');
  });

  it('reads a time skipped by daylight saving as the moment after the gap', () => {
    expect(new Date(fromZonedInput('2026-03-08T02:30', 'America/New_York')!).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('refuses what is not a date and time', () => {
    expect(fromZonedInput('tomorrow', 'America/Chicago')).toBeNull();
  });

  it('takes whole days on the zone’s clock, both ends included, across a change of clocks', () => {
    expect(zonedDayRange('2026-11-23', '2026-11-23', 'Europe/Paris')).toEqual({ from: '2026-11-22T23:00:00.000Z', to: '2026-11-23T23:00:00.000Z' });
    expect(zonedDayRange('2026-11-23', '2026-11-27', 'America/New_York')).toEqual({ from: '2026-11-23T05:00:00.000Z', to: '2026-11-28T05:00:00.000Z' });
    // New York's clocks go back on 1 November 2026: that Sunday lasts 25 hours.
    expect(zonedDayRange('2026-11-01', '2026-11-01', 'America/New_York')).toEqual({ from: '2026-11-01T04:00:00.000Z', to: '2026-11-02T05:00:00.000Z' });
    expect(zonedDayRange('2026-12-31', '2026-12-31', 'UTC')).toEqual({ from: '2026-12-31T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  });

  it('starts a day after the gap where the clocks jump forward at midnight (Beirut, Cairo)', () => {
    // Beirut goes from 00:00 EET to 01:00 EEST on 29 March 2026: the day starts at 01:00, 22:00Z.
    expect(zonedDayRange('2026-03-29', '2026-03-29', 'Asia/Beirut')).toEqual({ from: '2026-03-28T22:00:00.000Z', to: '2026-03-29T21:00:00.000Z' });
    expect(zonedDayRange('2026-03-28', '2026-03-28', 'Asia/Beirut')).toEqual({ from: '2026-03-27T22:00:00.000Z', to: '2026-03-28T22:00:00.000Z' });
    expect(new Date(fromZonedInput('2026-04-24T00:00', 'Africa/Cairo')!).toISOString()).toBe('2026-04-23T22:00:00.000Z');
    // A time shown twice, the night clocks go back, is read as its first showing.
    expect(new Date(fromZonedInput('2026-11-01T01:30', 'America/New_York')!).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('moves days on the calendar, and knows a zone by any of its names', () => {
    expect([addDays('2026-03-08', -1), addDays('2026-11-01', -1), addDays('2026-01-01', -1), addDays('2026-02-30', 1)]).toEqual(['2026-03-07', '2026-10-31', '2025-12-31', null]);
    expect(['Asia/Kolkata', 'Europe/Kyiv', 'US/Eastern', 'Etc/GMT+5', 'UTC'].every(isTimeZone)).toBe(true);
    expect([isTimeZone('Mars/Olympus'), isTimeZone('')]).toEqual([false, false]);
    expect(zonedDays('2026-11-22T23:00:00.000Z', '2026-11-23T23:00:00.000Z', 'Europe/Paris')).toEqual({ first: '2026-11-23', last: '2026-11-23' });
  });

  it('refuses a day that is not in the calendar, and a range that runs backwards', () => {
    expect(zonedDayRange('2026-02-30', '2026-03-01', 'UTC')).toBeNull();
    expect(zonedDayRange('2026-11-24', '2026-11-23', 'UTC')).toBeNull();
    expect(zonedDayRange('23/11/2026', '2026-11-23', 'UTC')).toBeNull();
  });
});
