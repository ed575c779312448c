import { MINUTE_MS } from '../../shared/time-units.ts';
/**
 * A lead's wall clock (weekday and minutes after midnight) at an instant, daylight saving
 * included. Intl is the only thing that knows the zones' rules, and asking it is the dearest
 * step of a pick: every open zone and every candidate asks, on every disposition. The answer
 * only changes from one minute to the next (every offset in use today is whole minutes), so it
 * is kept per zone for the minute asked; the clock moving on, or a scan of the days ahead,
 * simply asks again.
 */
export interface WallClock {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const remembered = new Map<string, WallClock>();
/** Enough for every zone of a store at several minutes; cleared rather than evicted one by one. */
const REMEMBER_AT_MOST = 4096;

export function localClock(zone: string, at: number): WallClock {
  const key = `${zone}|${Math.floor(at / MINUTE_MS)}`;
  const known = remembered.get(key);
  if (known) return { weekday: known.weekday, minutes: known.minutes };
  const clock = askIntl(zone, at);
  if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
  remembered.set(key, clock);
  return { weekday: clock.weekday, minutes: clock.minutes };
}

/** The wall clock as Intl reads it, every time (the reference the kept answers are tested against). */
export function askIntl(zone: string, at: number): WallClock {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    formatters.set(zone, format);
  }
  let weekday = 0;
  let minutes = 0;
  for (const part of format.formatToParts(at)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type === 'hour') minutes += Number(part.value) * 60;
    else if (part.type === 'minute') minutes += Number(part.value);
  }
  return { weekday, minutes };
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
