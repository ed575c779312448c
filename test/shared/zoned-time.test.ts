import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput, zonedDayRange } from '../../shared/zoned-time.ts';

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

  it('refuses a day that is not in the calendar, and a range that runs backwards', () => {
    expect(zonedDayRange('2026-02-30', '2026-03-01', 'UTC')).toBeNull();
    expect(zonedDayRange('2026-11-24', '2026-11-23', 'UTC')).toBeNull();
    expect(zonedDayRange('23/11/2026', '2026-11-23', 'UTC')).toBeNull();
  });
});
