import type { InboundArrival } from './events.ts';
import { SECOND_MS } from './time-units.ts';

/**
 * The notification a console shows when a lead asks for a call through a webhook:
 * "New call request: Dana Whitfield, Acme — asked 20 s ago". The wait counts from the request's
 * arrival (the lead's own time when the sender gave one), by the server's clock, in seconds for
 * the first minutes: speed to lead is counted in seconds.
 */
export function callRequestText(arrival: Pick<InboundArrival, 'name' | 'company' | 'requestedAt'>, nowMs: number): string {
  const who = arrival.company ? `${arrival.name}, ${arrival.company}` : arrival.name;
  return `New call request: ${who} — asked ${waitedFor(nowMs - arrival.requestedAt)} ago`;
}

function waitedFor(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / SECOND_MS));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h`;
}
