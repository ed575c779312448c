/** How the console writes times: in the lead's zone, and relative to the core's clock. */

export function localTime(zone: string | null, nowMs: number): string | null {
  if (!zone) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(nowMs);
  } catch {
    return null;
  }
}

/** The hour (0-23) in a zone, for the calling-window light. */
export function localHour(zone: string, nowMs: number): number | null {
  try {
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' }).format(nowMs);
    return Number(hour);
  } catch {
    return null;
  }
}

export function shortDate(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    Date.parse(iso),
  );
}
