import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeFromCrm } from '../../../main/leads/crm-values.ts';

/** The reading as it was written first: the whole text, parsed as one ISO string each time. */
function parsedWhole(value: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  const [, day, time, offset] = match;
  const ms = Date.parse(time ? `${day}T${time}${offset ?? 'Z'}` : `${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const DAY = fc.tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two(19), two(39)).map((parts) => parts.join('-'));
const TIME = fc.tuple(two(29), two(69), fc.option(two(69), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 99999 }).map(String), { nil: undefined }));
const OFFSET = fc.constantFrom(undefined, 'Z', '+02:00', '-0530', '+14:00', '-12:00', '+99:99');

describe('dates as CRMs write them', () => {
  it('reads a date and time, in UTC or at an offset, as parsing the whole text would: invalid days, hours and leap days included', () => {
    fc.assert(
      fc.property(DAY, fc.option(TIME, { nil: undefined }), OFFSET, fc.constantFrom('T', ' '), (day, time, offset, separator) => {
        const text = time === undefined ? day : `${day}${separator}${time[0]}:${time[1]}${time[2] === undefined ? '' : `:${time[2]}${time[3] === undefined ? '' : `.${time[3]}`}`}${offset ?? ''}`;
        expect(timeFromCrm(text)).toBe(parsedWhole(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the dates a HubSpot export holds', () => {
    expect(timeFromCrm('2026-10-17 12:23')).toBe(Date.UTC(2026, 9, 17, 12, 23));
    expect(timeFromCrm(' 2024-02-29T23:59:59.5Z ')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 500));
    expect(timeFromCrm('2026-11-20T09:00+01:00')).toBe(Date.UTC(2026, 10, 20, 8));
    expect(timeFromCrm('2026-11-20')).toBe(Date.UTC(2026, 10, 20));
    expect(timeFromCrm('2026-02-30 10:00')).toBe(parsedWhole('2026-02-30 10:00'));
    expect(timeFromCrm('20/11/2026')).toBeNull();
  });
});
