import { SECOND_MS } from './time-units.ts';

/** "4 min ago", "yesterday", "in 3 h": how the console speaks about time relative to now. */
export function describeAgo(thenMs: number, nowMs: number): string {
  const seconds = Math.round((nowMs - thenMs) / SECOND_MS);
  if (seconds < 0) return `in ${span(-seconds)}`;
  if (seconds < 45) return 'just now';
  return `${span(seconds)} ago`;
}

function span(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h`;
  const days = Math.round(hours / 24);
  if (days < 60) return `${days} d`;
  return `${Math.round(days / 30)} mo`;
}
