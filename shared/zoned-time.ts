import { DAY_MS, MINUTE_MS } from './time-units.ts';
/**
 * Wall-clock time in a given IANA zone, both ways, without a date library: the console shows
 * and picks callback times in the lead's own time, and stores instants.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string, at: number): Record<string, number> {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

/** "2026-11-24T10:00" as the zone's clock shows it at that instant. */
export function toZonedInput(at: number, zone: string): string {
  const p = partsIn(zone, at);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The instant a zone's clock shows "2026-11-24T10:00". A time skipped by daylight saving
 * (02:30 on the night clocks go forward; midnight in Beirut on the last Sunday of March) is read
 * as the moment after the gap; a time shown twice (the night clocks go back) as its first showing.
 */
export function fromZonedInput(local: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offsets a day either side: the wall time is read with one of them.
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  const shown = [wall - before, wall - after].filter((at) => wallClock(zone, at) === wall);
  return shown.length > 0 ? Math.min(...shown) : wall - before;
}

/** What the zone's clock shows at an instant, written as if it were UTC (whole minutes). */
function wallClock(zone: string, at: number): number {
  const p = partsIn(zone, at);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
}

function offsetAt(zone: string, at: number): number {
  return wallClock(zone, at) - Math.floor(at / MINUTE_MS) * MINUTE_MS;
}

/** Whether a name is a time zone this runtime knows (IANA names and their aliases: Asia/Kolkata, US/Eastern, Etc/GMT+5). */
export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day a zone's clock shows at an instant: "2026-11-23". */
export const zonedDay = (at: number, zone: string) => toZonedInput(at, zone).slice(0, 10);

/** A calendar day moved by whole days ("2026-03-08" - 1 = "2026-03-07"), whatever the clocks do. */
export function addDays(day: string, days: number): string | null {
  const at = calendarDay(day);
  return at === null ? null : new Date(at + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whole days on a zone's clock, both ends included: "2026-11-23" to "2026-11-23" is Monday from
 * its midnight to Tuesday's, in that zone. Null when a day is not a date or the range runs backwards.
 */
export function zonedDayRange(firstDay: string, lastDay: string, zone: string): { from: string; to: string } | null {
  const first = calendarDay(firstDay);
  const last = calendarDay(lastDay);
  if (first === null || last === null || last < first || !isTimeZone(zone)) return null;
  const iso = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 16);
  const from = fromZonedInput(iso(first), zone);
  const to = fromZonedInput(iso(last + DAY_MS), zone);
  return from === null || to === null ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The days a range covers on a zone's clock, both included: the inverse of zonedDayRange. */
export function zonedDays(from: string, to: string, zone: string): { first: string; last: string } {
  return { first: zonedDay(Date.parse(from), zone), last: zonedDay(Date.parse(to) - 1, zone) };
}

/** "2026-11-23" as UTC midnight of that day, or null for what is not a day of the calendar (30 February). */
function calendarDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const at = Date.UTC(y, m - 1, d);
  return new Date(at).getUTCDate() === d && new Date(at).getUTCMonth() === m - 1 ? at : null;
}
