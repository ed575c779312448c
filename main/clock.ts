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
