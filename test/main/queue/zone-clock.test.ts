import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askIntl, localClock } from '../../../main/queue/zone-clock.ts';

const ZONES = Intl.supportedValuesOf('timeZone');

describe("a lead's wall clock, kept per minute", () => {
  it('says what Intl says, at any instant in any zone, asked again within the minute or later', () => {
    // 1975–2045: every offset in use since is whole minutes, so the minute is the unit of change.
    const instant = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2045, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 0, max: 59_999 }), fc.integer({ min: 1, max: 3 * 3_600_000 }), (zone, at, within, later) => {
        const minute = Math.floor(at / 60_000) * 60_000;
        for (const t of [minute, minute + within, at + later, minute + within]) {
          expect(localClock(zone, t)).toEqual(askIntl(zone, t));
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('gets the minutes either side of a change of the clocks right', () => {
    // New York springs forward at 07:00 UTC on 8 March 2026: 01:59 is followed by 03:00.
    const change = Date.UTC(2026, 2, 8, 7, 0);
    expect(localClock('America/New_York', change - 60_000)).toEqual({ weekday: 7, minutes: 1 * 60 + 59 });
    expect(localClock('America/New_York', change)).toEqual({ weekday: 7, minutes: 3 * 60 });
    // Lord Howe moves by half an hour; Kathmandu is 5:45 ahead of UTC.
    const lordHowe = Date.UTC(2026, 3, 4, 15, 0);
    expect(localClock('Australia/Lord_Howe', lordHowe - 60_000)).toEqual(askIntl('Australia/Lord_Howe', lordHowe - 60_000));
    expect(localClock('Australia/Lord_Howe', lordHowe)).toEqual(askIntl('Australia/Lord_Howe', lordHowe));
    expect(localClock('Asia/Kathmandu', Date.UTC(2026, 10, 23, 0, 0, 30))).toEqual({ weekday: 1, minutes: 5 * 60 + 45 });
  });

  it('refuses a zone Intl does not know, as before', () => {
    expect(() => localClock('Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });

  it('hands out copies: a caller changing its answer does not change the next one', () => {
    const first = localClock('Europe/Paris', Date.UTC(2026, 10, 23, 9));
    first.minutes = -1;
    expect(localClock('Europe/Paris', Date.UTC(2026, 10, 23, 9)).minutes).toBe(10 * 60);
  });
});
