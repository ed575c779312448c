/**
 * The core reads time only through a Clock, so queue and cadence rules can be tested (and
 * demonstrated) at any instant. Milliseconds since the epoch, like Date.now().
 */
export interface Clock {
  now(): number;
}

/** The one place the core's time comes from the wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that starts at `start` and then runs on in real time (the --clock flag). */
export function clockStartingAt(start: Date, wall: Clock = systemClock): Clock {
  const offset = start.getTime() - wall.now();
  return { now: () => wall.now() + offset };
}

/** Parses a --clock value; a clear error rather than an Invalid Date sneaking into the store. */
export function parseClockFlag(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new Error(`--clock expects an ISO time such as 2026-11-23T15:00:00Z, not "${value}".`);
  }
  return date;
}
