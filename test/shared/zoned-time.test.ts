import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from '../../shared/zoned-time.ts';

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
});
