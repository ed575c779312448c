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
 * (02:30 on the night clocks go forward) is read as the moment after the gap.
 */
export function fromZonedInput(local: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [y, mo, d, h, mi] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let at = wall;
  for (let i = 0; i < 3; i++) {
    const p = partsIn(zone, at);
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    if (shown === wall) return at;
    at += wall - shown;
  }
  return at;
}

/**
 * Whole days on a zone's clock, both ends included: "2026-11-23" to "2026-11-23" is Monday from
 * its midnight to Tuesday's, in that zone. Null when a day is not a date or the range runs backwards.
 */
export function zonedDayRange(firstDay: string, lastDay: string, zone: string): { from: string; to: string } | null {
  const first = calendarDay(firstDay);
  const last = calendarDay(lastDay);
  if (first === null || last === null || last < first) return null;
  const iso = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 16);
  const from = fromZonedInput(iso(first), zone);
  const to = fromZonedInput(iso(last + 24 * 3_600_000), zone);
  return from === null || to === null ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** "2026-11-23" as UTC midnight of that day, or null for what is not a day of the calendar (30 February). */
function calendarDay(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const at = Date.UTC(y, m - 1, d);
  return new Date(at).getUTCDate() === d && new Date(at).getUTCMonth() === m - 1 ? at : null;
}
