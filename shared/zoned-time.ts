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
